import { expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eState, waitForMail } from './mail.ts';
import { pageFor, personWithSession } from './sessions.ts';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs } from './support.ts';

// Runs on the PostgreSQL instance. The "done when" journey of the editorial and newsletter issue:
// a German news item with a Farsi translation, scheduled, appears in the feed and on the home page;
// a Russian visitor subscribes (double opt-in), receives the Russian issue and leaves with one click.

/** Berlin wall-clock date and time (HH:MM) a few minutes from now, for the schedule fields. */
function berlinInMinutes(minutes: number) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Europe/Berlin',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(new Date(Date.now() + minutes * 60_000))
			.map((p) => [p.type, p.value])
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test('news in German and Farsi, scheduled; a Russian subscriber confirms, receives the issue, unsubscribes with one click', async ({
	browser,
	baseURL,
	request
}) => {
	test.setTimeout(240_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const editor = await personWithSession(client, 'Redakteurin', 'editor');
		const ed = await pageFor(browser, baseURL!, editor.cookie);
		const stamp = Date.now();
		const title = `Sommerfest der Vereine ${stamp}`;

		// 1. The editor writes the news item in German, with the server's preview.
		await ed.goto('/admin/inhalte/neu');
		await expectNoAxeViolations(ed);
		await ed.fill('input[name=title]', title);
		await ed.fill('textarea[name=summary]', 'Alle sind eingeladen: Essen, Musik und Gespräche.');
		await ed.fill(
			'textarea[name=body]',
			'Wir feiern **gemeinsam** im Park.\n\n<script>window.__xss=1</script>'
		);
		await expect(ed.locator('.preview strong')).toHaveText('gemeinsam');
		await ed.locator('main form button[type=submit]').click();
		await expect(ed).toHaveURL(/\/admin\/inhalte\/\d+$/);
		const pageId = Number(/inhalte\/(\d+)/.exec(ed.url())![1]);
		await expectNoAxeViolations(ed);

		// 2. It is translated into Farsi (right to left).
		await ed.goto(`/admin/inhalte/${pageId}/uebersetzung?sprache=fa`);
		await expect(ed.locator('textarea[name=body]')).toHaveAttribute('dir', 'rtl');
		await ed.fill('input[name=title]', `جشن تابستانی انجمن‌ها ${stamp}`);
		await ed.fill('textarea[name=summary]', 'همه دعوت هستند.');
		await ed.fill('textarea[name=body]', 'ما با هم در پارک جشن می‌گیریم.');
		await ed.check('input[name=reviewed]');
		await ed.locator('main form button[type=submit]').click();
		await expect(ed.locator('[role=status]')).toContainText('Gespeichert');
		await expectNoAxeViolations(ed);

		// 3. Scheduled for a few minutes from now: not public yet.
		await ed.goto(`/admin/inhalte/${pageId}`);
		const later = berlinInMinutes(5);
		await ed.fill('input[name=publishDate]', later.date);
		await ed.fill('input[name=publishTime]', later.time);
		await ed.locator('form[action="?/settings"] button[type=submit]').click();
		await expect(ed.locator('main')).toContainText('Geplant für');
		const visitor = await pageFor(browser, baseURL!, null, { locale: 'fa', javaScriptEnabled: false });
		expect(await (await request.get('/fa/aktuelles/rss.xml')).text()).not.toContain(String(stamp));
		// The clock reaches the publication time (moved forward here instead of waiting five minutes).
		await client.query(
			`update news_details set publish_at = now() + interval '2 seconds' where page_id = $1`,
			[pageId]
		);
		await expect
			.poll(async () => (await request.get('/fa/aktuelles/rss.xml')).text(), { timeout: 20_000 })
			.toContain(`جشن تابستانی انجمن‌ها ${stamp}`);
		// The home page (cached for anonymous visitors for at most 30 s) shows it too.
		await expect
			.poll(
				async () => {
					await visitor.goto('/fa');
					return visitor.locator('main').textContent();
				},
				{ timeout: 45_000, intervals: [2000] }
			)
			.toContain(`جشن تابستانی انجمن‌ها ${stamp}`);
		await visitor.getByRole('link', { name: `جشن تابستانی انجمن‌ها ${stamp}` }).click();
		await expect(visitor.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(visitor.locator('script[type="application/ld+json"]')).toHaveCount(1);
		await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute(
			'content',
			`جشن تابستانی انجمن‌ها ${stamp}`
		);
		await expectNoAxeViolationsWithoutJs(browser, visitor);
		const de = await pageFor(browser, baseURL!, null, { javaScriptEnabled: false });
		await de.goto('/aktuelles');
		await de.getByRole('link', { name: title }).click();
		await expect(de.locator('article strong')).toHaveText('gemeinsam');
		expect(await de.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		expect(await de.locator('article script').count()).toBe(0);

		// 4. A Russian visitor subscribes without JavaScript and confirms from the mail.
		const olga = `olga-${stamp}@example.org`;
		const ru = await pageFor(browser, baseURL!, null, { locale: 'ru', javaScriptEnabled: false });
		await ru.goto('/ru/newsletter');
		await expectNoAxeViolationsWithoutJs(browser, ru);
		await ru.fill('input[name=email]', olga);
		await ru.locator('main form button[type=submit]').click();
		await expect(ru.locator('#field-consent-error')).toBeVisible();
		await expect(ru.locator('input[name=email]')).toHaveValue(olga);
		await ru.check('input[name=consent]');
		await ru.locator('main form button[type=submit]').click();
		await expect(ru.locator('[role=status]')).toBeVisible();
		const confirmation = await waitForMail(baseURL!, olga, /newsletter\/bestaetigen\?token=/);
		expect(confirmation.text).not.toMatch(/Sommerfest|جشن/);
		const link = /https?:\/\/\S+\/newsletter\/bestaetigen\?token=[0-9a-f-]+/.exec(confirmation.text)![0];
		await ru.goto(new URL(link).pathname + new URL(link).search);
		await expectNoAxeViolationsWithoutJs(browser, ru);
		await ru.locator('main form button[type=submit]').click();
		await expect(ru.locator('[role=status]')).toBeVisible();
		const subscriber = (
			await client.query(
				`select status, confirmed_at, signup_ip, consent_text from newsletter_subscribers where email = $1`,
				[olga]
			)
		).rows[0];
		expect(subscriber.status).toBe('confirmed');
		expect(subscriber.consent_text).toBeTruthy();

		// 5. The editor composes the issue (German and Russian), tests it, sends it.
		await ed.goto('/admin/newsletter');
		await expectNoAxeViolations(ed);
		await ed.locator('form[action="?/create"] button').click();
		await expect(ed).toHaveURL(/\/admin\/newsletter\/\d+$/);
		await ed.fill('input[name=subject_de]', `Rundbrief Juni ${stamp}`);
		await ed.fill('textarea[name=body_de]', 'Liebe Leserinnen und Leser, hier ist unser Rundbrief.');
		await ed.locator('details:has(#subject-ru) summary').click();
		await ed.fill('input[name=subject_ru]', `Рассылка июнь ${stamp}`);
		await ed.fill('textarea[name=body_ru]', 'Дорогие читатели, вот наша рассылка.');
		await ed.check(`input[name=news][value="${pageId}"]`);
		await ed.locator('form[action="?/save"] button[type=submit]').click();
		await expect(ed.locator('[role=status]')).toContainText('Gespeichert');
		await expectNoAxeViolations(ed);
		await ed.selectOption('select[name=testLanguage]', 'ru');
		await ed.locator('form[action="?/test"] button').click();
		await waitForMail(baseURL!, editor.email, /Дорогие читатели/);
		await ed.check('form[action="?/send"] input[name=confirm]');
		await ed.locator('form[action="?/send"] button').click();
		await expect(ed.locator('[role=status]').first()).toBeVisible();

		const issue = await waitForMail(baseURL!, olga, /Дорогие читатели/);
		expect(issue.subject).toBe(`Рассылка июнь ${stamp}`);
		// The selected news item is in the issue, in Russian where it has no Russian text: German.
		expect(issue.text).toContain(title);
		// mailparser files List-Unsubscribe and List-Unsubscribe-Post under "list".
		const list = issue.headers.get('list') as {
			unsubscribe: { url: string };
			'unsubscribe-post': { name: string };
		};
		expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
		const oneClick = list.unsubscribe.url;
		expect(oneClick).toMatch(/\/newsletter\/ein-klick\?token=\d+-[0-9a-f]{32}$/);

		// 6. One click from the mail program: a cross-site POST, no session, immediate.
		const response = await request.post(new URL(oneClick).pathname + new URL(oneClick).search, {
			headers: { origin: 'https://mail.example.net', 'content-type': 'application/x-www-form-urlencoded' },
			data: 'List-Unsubscribe=One-Click'
		});
		expect(response.status()).toBe(200);
		expect(
			(await client.query(`select status from newsletter_subscribers where email = $1`, [olga])).rows[0]
				.status
		).toBe('unsubscribed');
		// The settings page from the mail says so (and works without signing in).
		const settings = list.unsubscribe.url.replace('/newsletter/ein-klick', '/ru/newsletter/einstellungen');
		await ru.goto(new URL(settings).pathname + new URL(settings).search);
		await expect(ru.locator('.notice.warning')).toBeVisible();
		await expectNoAxeViolationsWithoutJs(browser, ru);
		// The editor sees the progress.
		await expect
			.poll(
				async () => {
					await ed.goto(ed.url());
					return ed.locator('[role=status]').first().textContent();
				},
				{ timeout: 20_000 }
			)
			.toContain('0 ausstehend');
	} finally {
		await client.end();
	}
});
