import { expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eState, waitForMail } from './mail.ts';
import { pageFor, personWithSession } from './sessions.ts';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs } from './support.ts';

// Runs on the PostgreSQL instance (DEMO=1: demo organisations and library documents exist).

test('peer help: a pseudonymous Arabic question, a helper is told, answers, it is solved, they write privately; a reported answer is hidden', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const asker = await personWithSession(client, 'Amal', null, 'ar');
		const helper = await personWithSession(client, 'Hassan', null, 'ar');
		const troll = await personWithSession(client, 'Troll', null);
		const moderator = await personWithSession(client, 'Mona Moderation', null);
		await client.query(`insert into user_roles (user_id, role) values ($1, 'moderator')`, [moderator.id]);
		const stamp = Date.now();

		// 1. The helper declares what they can help with.
		const h = await pageFor(browser, baseURL!, helper.cookie, { locale: 'ar' });
		await h.goto('/ar/austausch/helfen');
		await expectNoAxeViolations(h);
		const recognition = (await client.query(`select id from exchange_topics where slug = 'anerkennung'`))
			.rows[0].id;
		await h.check(`input[name=topicIds][value="${recognition}"]`);
		await h.check('input[name=languages][value=ar]');
		await h.check('input[name=mode][value=instant]');
		await h.locator('main form button[type=submit]').click();
		await expect(h.locator('[role=status]')).toBeVisible();

		// 2. The asker asks in Arabic, under a pseudonym, on a phone.
		const a = await pageFor(browser, baseURL!, asker.cookie, { locale: 'ar' });
		await a.setViewportSize({ width: 360, height: 740 });
		await a.goto('/ar/austausch/fragen');
		await expect(a.locator('html')).toHaveAttribute('dir', 'rtl');
		await expectNoAxeViolations(a);
		const title = `كيف أعادل شهادة الهندسة؟ ${stamp}`;
		await a.selectOption('select[name=topicId]', String(recognition));
		await a.fill('input[name=title]', title);
		await a.fill('textarea[name=body]', 'درست الهندسة في دمشق. ما الخطوة الأولى؟');
		await a.check('input[name=pseudonymous]');
		await a.locator('main form button[type=submit]').click();
		await expect(a).toHaveURL(/\/ar\/austausch\/\d+$/);
		const questionUrl = new URL(a.url()).pathname;
		const questionId = Number(/(\d+)$/.exec(questionUrl)![1]);
		// Shown under a pseudonym (a four-character code), never the name.
		await expect(a.locator('.question .meta').nth(1)).toContainText(/[2-9A-Z]{4}/);
		await expect(a.locator('main')).not.toContainText('Amal');
		await expectNoAxeViolations(a);

		// 3. The helper is mailed and answers.
		const notice = await waitForMail(baseURL!, helper.email, new RegExp(`austausch/${questionId}`));
		expect(notice.text).toContain(title);
		await h.goto(`/ar/austausch/${questionId}`);
		await h.fill('textarea[name=body]', 'ابدأ بطلب الاعتراف لدى الجهة المختصة، وأرسل الشهادات مترجمة.');
		await h.locator('form[action="?/answer"] button').click();
		await expect(h.locator('article.answer')).toHaveCount(1);

		// 4. The asker marks it solved and proposes private messages.
		await a.goto(`/ar/austausch/${questionId}`);
		await a.locator('form[action="?/solved"] button').click();
		await expect(a.locator('.solution')).toHaveCount(1);
		await a.locator('form[action="?/contact"] button').click();
		await expect(a).toHaveURL(/\/austausch\/nachrichten\/\d+$/);
		const conversationPath = new URL(a.url()).pathname.replace(/^\/ar/, '');
		await expectNoAxeViolations(a);
		await waitForMail(baseURL!, helper.email, /austausch\/nachrichten\//);
		await h.goto(`/ar${conversationPath}`);
		await h.locator('form[action="?/accept"] button').click();
		await h.fill('textarea[name=body]', 'يسعدني المساعدة. هل لديك ترجمة للشهادة؟');
		await h.locator('form[action="?/send"] button').click();
		await expect(h.locator('ol.messages li')).toHaveCount(1);
		await a.goto(`/ar${conversationPath}`);
		await expect(a.locator('ol.messages')).toContainText('يسعدني المساعدة');
		await expect(a.locator('main')).not.toContainText(helper.email);

		// 5. A rude answer is reported and hidden by a moderator.
		const t = await pageFor(browser, baseURL!, troll.cookie);
		await t.goto(`/austausch/${questionId}`);
		await t.fill('textarea[name=body]', `Unverschämtheit ${stamp}`);
		await t.locator('form[action="?/answer"] button').click();
		await a.goto(`/ar/austausch/${questionId}`);
		const rude = a.locator('article.answer', { hasText: `Unverschämtheit ${stamp}` });
		await rude.locator('details summary').first().click();
		await rude.locator('input[name=reason]').fill('مسيء');
		await rude.locator('form[action="?/report"] button').click();
		await expect(a.locator('[role=status]')).toBeVisible();
		const mod = await pageFor(browser, baseURL!, moderator.cookie);
		await mod.goto('/austausch/moderation');
		await expectNoAxeViolations(mod);
		await mod.getByRole('link', { name: 'Beitrag öffnen' }).first().click();
		const target = mod.locator('article.answer', { hasText: `Unverschämtheit ${stamp}` });
		await target.locator('details.moderation summary').click();
		await target.locator('form[action="?/hide"] input[name=note]').fill('Verstoß gegen den Verhaltenskodex');
		await target.locator('form[action="?/hide"] button').click();
		await expect(mod.locator('[role=status]')).toBeVisible();
		await a.goto(`/ar/austausch/${questionId}`);
		await expect(a.locator('main')).not.toContainText(`Unverschämtheit ${stamp}`);
		const audit = await client.query(
			`select action from audit_log where subject_type = 'answer' and action = 'exchange.hide'`
		);
		expect(audit.rowCount).toBeGreaterThan(0);
	} finally {
		await client.end();
	}
});

test('a circular reaches two member organisations, one reads it, the board sees who has not', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const stamp = Date.now();
		const board = await personWithSession(client, 'Vorstand', 'board');
		const reader = await personWithSession(client, 'Leserin', null);
		const orgs: number[] = [];
		for (const name of [`Rundschreiben Eins ${stamp}`, `Rundschreiben Zwei ${stamp}`]) {
			const { rows } = await client.query(
				`insert into organisations (slug, name, kind, district_key, visibility, status, is_member) values ($1, $2, 'migrant_organisation', '14626', '{}', 'published', true) returning id`,
				[`rs-${orgs.length}-${stamp}`, name]
			);
			orgs.push(rows[0].id);
			await client.query(
				`insert into memberships (number, year, sequence, form, name, email, locale, organisation_id, started_on, decided_on)
				 values ($1, 2099, $2, 'ordinary', $3, $4, 'de', $5, '2026-01-01', '2026-01-01')`,
				[
					`RS-${orgs.length}-${stamp}`,
					Number(String(stamp).slice(-6)) + orgs.length,
					name,
					`rs${orgs.length}-${stamp}@example.org`,
					rows[0].id
				]
			);
		}
		await client.query(
			`insert into organisation_roles (organisation_id, user_id, role) values ($1, $2, 'org_member')`,
			[orgs[0], reader.id]
		);

		const b = await pageFor(browser, baseURL!, board.cookie);
		await b.goto('/admin/rundschreiben');
		await expectNoAxeViolations(b);
		await b.fill('input[name=title]', `Einladung zur Versammlung ${stamp}`);
		await b.fill('textarea[name=body]', 'Liebe Mitglieder,\n\nwir laden herzlich ein.');
		await b.check('input[name=forms][value=ordinary]');
		await b.locator('details summary', { hasText: 'Landkreisen' }).click();
		await b.check('input[name=districtKeys][value="14626"]');
		await b.locator('main form button[type=submit]').click();
		await expect(b).toHaveURL(/\/admin\/rundschreiben\/\d+$/);
		const circularPath = new URL(b.url()).pathname;
		await waitForMail(baseURL!, `rs1-${stamp}@example.org`, /konto\/rundschreiben\//);
		await waitForMail(baseURL!, `rs2-${stamp}@example.org`, /konto\/rundschreiben\//);

		const r = await pageFor(browser, baseURL!, reader.cookie);
		await r.goto('/konto/rundschreiben');
		await expectNoAxeViolations(r);
		await r.getByRole('link', { name: `Einladung zur Versammlung ${stamp}` }).click();
		await expect(r.locator('h1')).toHaveText(`Einladung zur Versammlung ${stamp}`);
		await expectNoAxeViolations(r);

		await b.goto(circularPath);
		await expectNoAxeViolations(b);
		const unread = b.locator('section[aria-labelledby=unread-heading]');
		const read = b.locator('section[aria-labelledby=read-heading]');
		await expect(unread).toContainText(`Rundschreiben Zwei ${stamp}`);
		await expect(unread).not.toContainText(`Rundschreiben Eins ${stamp}`);
		await expect(read).toContainText(`Rundschreiben Eins ${stamp}`);
	} finally {
		await client.end();
	}
});

test('library: members-only documents stay closed to visitors, public ones download as attachments; a volunteer opportunity receives interest', async ({
	browser,
	baseURL,
	request
}) => {
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const versions = async (access: string) =>
			(
				await client.query(
					`select v.id, d.id as document from document_versions v join documents d on d.id = v.document_id where d.access = $1 order by v.id limit 1`,
					[access]
				)
			).rows[0] as { id: number; document: number };
		const members = await versions('members');
		const open = await versions('public');
		const closed = await request.get(`/dokumente/datei/${members.id}`, { maxRedirects: 0 });
		expect(closed.status()).toBe(303);
		expect(closed.headers()['location']).toMatch(/^\/anmelden/);
		const file = await request.get(`/dokumente/datei/${open.id}`);
		expect(file.status()).toBe(200);
		expect(file.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
		expect(file.headers()['x-content-type-options']).toBe('nosniff');
		expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

		const visitor = await pageFor(browser, baseURL!, null, { javaScriptEnabled: false });
		await visitor.goto('/dokumente');
		await expect(visitor.locator('main')).toContainText('Mustersatzung');
		await expect(visitor.locator('main')).not.toContainText('Checkliste Förderantrag');
		await visitor.goto(`/dokumente/${open.document}`);
		await expectNoAxeViolationsWithoutJs(browser, visitor);

		// Volunteering: someone offers help; the organisation's public address gets the mail.
		const stamp = Date.now();
		const org = (
			await client.query(`select id from organisations where status = 'published' order by id limit 1`)
		).rows[0].id;
		await client.query(`update organisations set email = $2 where id = $1`, [
			org,
			`ehrenamt-${stamp}@example.org`
		]);
		const { rows } = await client.query(
			`insert into volunteer_opportunities (organisation_id, title, description, district_key, languages, status)
			 values ($1, $2, 'Wir suchen Unterstützung beim Sprachcafé.', '14713', '{ar,de}', 'published') returning id`,
			[org, `Sprachcafé-Begleitung ${stamp}`]
		);
		await visitor.goto('/ehrenamt?sprache=ar');
		await visitor.getByRole('link', { name: `Sprachcafé-Begleitung ${stamp}` }).click();
		await expect(visitor).toHaveURL(new RegExp(`/ehrenamt/${rows[0].id}$`));
		await visitor.fill('input[name=name]', 'Samira');
		await visitor.fill('input[name=email]', `samira-${stamp}@example.org`);
		await visitor.fill('textarea[name=message]', 'Ich spreche Arabisch und habe dienstags Zeit.');
		await visitor.locator('form[action="?/interest"] button').click();
		await expect(visitor.locator('[role=status]')).toBeVisible();
		await expectNoAxeViolationsWithoutJs(browser, visitor);
		const mail = await waitForMail(baseURL!, `ehrenamt-${stamp}@example.org`, /Samira/);
		expect(mail.text).toContain('dienstags Zeit');
		expect(mail.text).toContain(`samira-${stamp}@example.org`);
	} finally {
		await client.end();
	}
});
