import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import pg from 'pg';
import { e2eState, waitForMail } from './mail.ts';
import { pageFor, personWithSession } from './sessions.ts';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs } from './support.ts';

// Runs on the PostgreSQL instance. The "done when" journey of the events issue: an org admin's
// training with 2 places and a waitlist, published by an editor; three registrations in German,
// Arabic and Vietnamese; a cancellation from the mailed link promotes the waiting person; attendance,
// a certificate that anyone can verify, and the .ics with the right offsets around the March change.

/** The private registration link from the newest registration mail to that address. */
async function registrationLink(baseURL: string, to: string, matching = /anmeldung\?token=/) {
	const mail = await waitForMail(baseURL, to, matching);
	const link = /https?:\/\/\S+\/veranstaltungen\/anmeldung\?token=[0-9a-f-]+/.exec(mail.text)?.[0];
	expect(link, mail.text).toBeTruthy();
	return new URL(link!).pathname + new URL(link!).search;
}

async function register(page: Page, name: string, email: string) {
	await page.fill('input[name=name]', name);
	await page.fill('input[name=email]', email);
	await page.locator('main form button[type=submit]').click();
}

test('a training with a waitlist: publish, register, cancel, promote, attend, certify, calendar', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const orgAdmin = await personWithSession(client, 'Organisatorin', null);
		const editor = await personWithSession(client, 'Redakteur', 'editor');
		const { rows } = await client.query(
			`select id, slug from organisations where status = 'published' and not events_trusted order by id desc limit 1`
		);
		const org = rows[0] as { id: number; slug: string };
		await client.query(
			`insert into organisation_roles (organisation_id, user_id, role) values ($1, $2, 'org_admin')`,
			[org.id, orgAdmin.id]
		);

		// 1. The org admin creates the training (bad input first: nothing typed is lost).
		const admin = await pageFor(browser, baseURL!, orgAdmin.cookie);
		await admin.goto('/konto/veranstaltungen/neu');
		await expectNoAxeViolations(admin);
		const title = `Fortbildung Vereinsrecht <b>${Date.now()}</b>`;
		await admin.selectOption('select[name=type]', 'training');
		await admin.fill('input[name=title]', title);
		await admin.fill(
			'textarea[name=description]',
			'Wie gründen wir einen Verein? Satzung, Gründung, Eintragung.'
		);
		await admin.fill('input[name=startDate]', '2027-03-28');
		await admin.fill('input[name=startTime]', '10:00');
		await admin.fill('input[name=endTime]', '09:00');
		await admin.fill('input[name=municipality]', 'Leipzig');
		await admin.selectOption('select[name=districtKey]', '14713');
		await admin.fill('input[name=capacity]', '2');
		await admin.fill('input[name=hours]', '6');
		await admin.locator('main form button[type=submit]').click();
		await expect(admin.locator('#field-endTime-error')).toBeVisible();
		await expect(admin.locator('input[name=title]')).toHaveValue(title);
		await admin.fill('input[name=endTime]', '16:00');
		await admin.locator('main form button[type=submit]').click();
		await expect(admin).toHaveURL(/\/konto\/veranstaltungen\/\d+\?neu=1$/);
		const eventId = Number(/veranstaltungen\/(\d+)/.exec(admin.url())![1]);
		await expect(admin.locator('input[name=waitlist]')).toBeChecked();
		await expectNoAxeViolations(admin);
		await admin.locator('form[action="?/submit"] button').click();
		await expect(admin.locator('[role=status]')).toContainText('wartet auf Freigabe');
		// Not public yet.
		const visitor = await pageFor(browser, baseURL!, null, { javaScriptEnabled: false });
		expect((await visitor.goto(`/veranstaltungen/${eventId}`))!.status()).toBe(404);

		// 2. An editor publishes it from the review list.
		const ed = await pageFor(browser, baseURL!, editor.cookie);
		await ed.goto('/admin/veranstaltungen');
		await expectNoAxeViolations(ed);
		await ed.getByRole('link', { name: title }).click();
		await ed.locator('form[action="?/publish"] button').click();
		await expect(ed.locator('[role=status]')).toContainText('veröffentlicht');
		await waitForMail(baseURL!, orgAdmin.email, /veröffentlicht/);

		// 3. Three people register: German (no JavaScript), Arabic on a phone, Vietnamese.
		const stamp = Date.now();
		const people = {
			de: `lena-${stamp}@example.org`,
			ar: `mohammed-${stamp}@example.org`,
			vi: `lan-${stamp}@example.org`
		};
		await visitor.goto(`/veranstaltungen/${eventId}`);
		await expect(visitor.locator('h1')).toHaveText(title);
		await expectNoAxeViolationsWithoutJs(browser, visitor);
		await register(visitor, 'Lena Schmidt', people.de);
		await expect(visitor.locator('[role=status]')).toContainText('Ihr Platz ist sicher');

		const arabic = await pageFor(browser, baseURL!, null, { locale: 'ar' });
		await arabic.setViewportSize({ width: 360, height: 740 });
		await arabic.goto(`/ar/veranstaltungen/${eventId}`);
		await expect(arabic.locator('html')).toHaveAttribute('dir', 'rtl');
		await expectNoAxeViolations(arabic);
		expect(
			await arabic.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
		).toBeLessThanOrEqual(0);
		await register(arabic, 'محمد أحمد', people.ar);
		await expect(arabic.locator('[role=status]')).toBeVisible();

		const vietnamese = await pageFor(browser, baseURL!, null, { locale: 'vi' });
		await vietnamese.goto(`/vi/veranstaltungen/${eventId}`);
		await expect(vietnamese.locator('.notice.warning')).toBeVisible(); // full: the waitlist is offered
		await register(vietnamese, 'Nguyễn Thị Lan', people.vi);
		await expect(vietnamese.locator('[role=status]')).toBeVisible();
		const statuses = await client.query(
			`select email, status, locale from event_registrations where event_id = $1 order by id`,
			[eventId]
		);
		expect(statuses.rows.map((r) => [r.status, r.locale])).toEqual([
			['confirmed', 'de'],
			['confirmed', 'ar'],
			['waitlisted', 'vi']
		]);

		// The organiser sees the positions.
		await admin.goto(`/konto/veranstaltungen/${eventId}/teilnehmende`);
		await expect(admin.locator('main')).toContainText('Platz 1 auf der Warteliste');
		await expectNoAxeViolations(admin);

		// 4. Lena cancels from the link in her mail; Lan moves up and is mailed.
		const lenaLink = await registrationLink(baseURL!, people.de);
		await visitor.goto(lenaLink);
		await expectNoAxeViolationsWithoutJs(browser, visitor);
		await visitor.locator('form[action^="?/cancel"] button').click();
		await expect(visitor.locator('[role=status]')).toContainText('abgemeldet');
		await expect
			.poll(async () =>
				(
					await client.query(`select purpose from outbox where "to" = $1 and status = 'sent' order by id`, [
						people.vi
					])
				).rows.map((r) => r.purpose)
			)
			.toEqual(['event_registration', 'event_promoted']);
		const lanLink = await registrationLink(baseURL!, people.vi);
		await vietnamese.goto(lanLink);
		await expect(vietnamese.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(vietnamese.locator('form[action^="?/cancel"]')).toBeVisible();

		// 5. The .ics: a standard parser reads it, and the offsets are right on both sides of the change.
		await client.query(
			`insert into events (organisation_id, type, status, title, starts_at, ends_at, municipality, district_key)
			 values ($1, 'encounter', 'published', 'Vorabend', '2027-03-27 09:00:00+00', '2027-03-27 11:00:00+00', 'Leipzig', '14713')`,
			[org.id]
		);
		const feed = await (
			await visitor.request.get(`/veranstaltungen/kalender.ics?veranstalter=${org.slug}`)
		).text();
		const calendar = new ICAL.Component(ICAL.parse(feed));
		for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
		const starts = calendar.getAllSubcomponents('vevent').map((v) => {
			const event = new ICAL.Event(v);
			return [event.summary, event.startDate.toJSDate().toISOString(), event.startDate.utcOffset() / 3600];
		});
		expect(starts).toContainEqual(['Vorabend', '2027-03-27T09:00:00.000Z', 1]);
		expect(starts).toContainEqual([title, '2027-03-28T08:00:00.000Z', 2]);
		const single = await visitor.request.get(`/veranstaltungen/${eventId}/kalender.ics`);
		expect(single.headers()['content-type']).toContain('text/calendar');
		const one = new ICAL.Event(
			new ICAL.Component(ICAL.parse(await single.text())).getFirstSubcomponent('vevent')!
		);
		expect(one.uid).toBe(`event-${eventId}@miteinander-sachsen`);

		// 6. The day comes (the event is moved into the past); the organiser marks attendance.
		await client.query(
			`update events set starts_at = now() - interval '6 hours', ends_at = now() - interval '1 hour' where id = $1`,
			[eventId]
		);
		await admin.goto(`/konto/veranstaltungen/${eventId}/teilnehmende`);
		const boxes = admin.locator('input[name=attended]');
		await expect(boxes).toHaveCount(2);
		await boxes.nth(0).check();
		await boxes.nth(1).check();
		await admin.locator('form[action="?/attendance"] button').click();
		await expect(admin.locator('[role=status]')).toContainText('Teilnahme ist gespeichert');
		const csv = await admin.request.get(`/konto/veranstaltungen/${eventId}/teilnehmende.csv`);
		expect(await csv.text()).toContain('Nguyễn Thị Lan');

		// 7. Mohammed gets his certificate (Latin spelling first) and anyone can verify it.
		const mohammedLink = await registrationLink(baseURL!, people.ar);
		await arabic.goto(mohammedLink);
		await expectNoAxeViolations(arabic);
		await arabic.fill('input[name=certificateName]', 'محمد');
		await arabic.locator('form[action^="?/certificateName"] button').click();
		await expect(arabic.locator('#field-certificateName-error')).toBeVisible();
		await arabic.fill('input[name=certificateName]', 'Mohammed Ahmed');
		await arabic.locator('form[action^="?/certificateName"] button').click();
		const [download] = await Promise.all([
			arabic.waitForEvent('download'),
			arabic.locator('a[href*="bescheinigung.pdf"]').click()
		]);
		const pdf = await (await import('node:fs/promises')).readFile((await download.path())!);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const code = (
			await client.query(`select certificate_code from event_registrations where email = $1`, [people.ar])
		).rows[0].certificate_code as string;
		expect(pdf.toString('latin1')).toContain(Buffer.from(`Prüfcode: ${code}`, 'latin1').toString('hex'));
		const checker = await pageFor(browser, baseURL!, null, { javaScriptEnabled: false });
		await checker.goto('/veranstaltungen/bescheinigung');
		await checker.fill('input[name=code]', code.toLowerCase());
		await checker.locator('main form button[type=submit]').click();
		await expect(checker.locator('[role=status]')).toContainText('Mohammed Ahmed');
		await expect(checker.locator('[role=status]')).toContainText('echt');
		await expectNoAxeViolationsWithoutJs(browser, checker);
		await checker.goto('/veranstaltungen/bescheinigung?code=AAAA-BBBB-CCCC');
		await expect(checker.locator('[role=status]')).toContainText('keine Bescheinigung');
	} finally {
		await client.end();
	}
});

test('the calendar without JavaScript in Arabic: filters in the URL, month view, archive', async ({
	browser,
	baseURL
}) => {
	const page = await pageFor(browser, baseURL!, null, { locale: 'ar', javaScriptEnabled: false });
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/ar/veranstaltungen');
	await expect(page.locator('article.event').first()).toBeVisible();
	await page.locator('details.filters summary').click();
	await page.selectOption('select[name=art]', 'training');
	await page.locator('details.filters form button[type=submit]').click();
	await expect(page).toHaveURL(/art=training/);
	for (const type of await page.locator('article.event .meta').allTextContents()) expect(type).toBeTruthy();
	await page.goto('/ar/veranstaltungen?ansicht=monat');
	await expect(page.locator('table.month')).toBeVisible();
	await expectNoAxeViolationsWithoutJs(browser, page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});
