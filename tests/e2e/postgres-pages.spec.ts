import { expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eState } from './mail.ts';
import { pageFor, personWithSession } from './sessions.ts';
import { expectNoAxeViolations } from './support.ts';

// The management pages the journeys do not pass through, each checked with axe (WCAG 2.1 AA) and
// for sideways overflow on a 360 px phone, with the people who use them.
test('management pages of editors, the office and organisation admins pass axe, also at 360 px', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const editor = await personWithSession(client, 'Redaktion', 'editor');
		const orgAdmin = await personWithSession(client, 'Vereinsadmin', null);
		const org = (
			await client.query(`select id from organisations where status = 'published' order by id limit 1`)
		).rows[0].id;
		await client.query(
			`insert into organisation_roles (organisation_id, user_id, role) values ($1, $2, 'org_admin')`,
			[org, orgAdmin.id]
		);
		const page = (await client.query(`select id from pages where slug = 'ueber-uns'`)).rows[0].id;
		await client.query(
			`insert into page_revisions (page_id, locale, title, summary, body, source_revision) values ($1, 'de', 'Über uns', '', 'Text', 1)`,
			[page]
		);
		const revision = (
			await client.query(`select max(id) as id from page_revisions where page_id = $1`, [page])
		).rows[0].id;
		const document = (await client.query(`select min(id) as id from documents`)).rows[0].id;

		const pages: [string, string][] = [
			[editor.cookie, '/admin/inhalte'],
			[editor.cookie, '/admin/medien'],
			[editor.cookie, `/admin/inhalte/${page}/versionen`],
			[editor.cookie, `/admin/inhalte/${page}/versionen/${revision}`],
			[editor.cookie, '/admin/austausch'],
			[editor.cookie, '/admin/dokumente'],
			[editor.cookie, `/admin/dokumente/${document}`],
			[editor.cookie, '/admin/veranstaltungen'],
			[editor.cookie, '/austausch/nachrichten'],
			[orgAdmin.cookie, '/konto/ehrenamt'],
			[orgAdmin.cookie, '/ehrenamt/neu'],
			[orgAdmin.cookie, '/konto/veranstaltungen']
		];
		for (const locale of ['de', 'ar']) {
			for (const [cookie, path] of pages) {
				const p = await pageFor(browser, baseURL!, cookie, { locale });
				await p.setViewportSize({ width: 360, height: 740 });
				const response = await p.goto(locale === 'de' ? path : `/${locale}${path}`);
				expect(response?.status(), path).toBe(200);
				await expect(p.locator('h1')).toHaveCount(1);
				await expectNoAxeViolations(p);
				const overflow = await p.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				expect(overflow, `${locale} ${path} overflows`).toBeLessThanOrEqual(0);
				await p.context().close();
			}
		}
	} finally {
		await client.end();
	}
});
