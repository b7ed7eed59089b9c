import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { e2eState, waitForMail } from './mail.ts';
import { pageFor, personWithSession } from './sessions.ts';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs } from './support.ts';

// Runs on the PostgreSQL instance: a Ukrainian association applies without JavaScript, two board
// members approve it (one is not enough), it appears as a member in the directory; a hostile
// application is reviewed without anything executing; an honorary member is appointed.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

async function decide(page: Page, action: 'approve' | 'reject' | 'question', text = '') {
	await page.check(`input[name=action][value=${action}]`);
	if (text) await page.fill('textarea[name=text]', text);
	await page.locator('main form button[type=submit]').click();
}

test('an ordinary member applies in Ukrainian without JavaScript and is admitted by two board members', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const [first, second] = [
			await personWithSession(client, 'vorstand-1', 'board'),
			await personWithSession(client, 'vorstand-2', 'board')
		];
		const email = `kalyna-${Date.now()}@example.org`;
		const name = `Культурне товариство Калина Leipzig e. V. ${Date.now()}`;

		// 1. The application, in Ukrainian, JavaScript off; errors keep what was typed.
		const applicant = await pageFor(browser, baseURL!, null, { locale: 'uk-UA', javaScriptEnabled: false });
		await applicant.goto('/uk/mitglied-werden');
		await expectNoAxeViolationsWithoutJs(browser, applicant);
		await applicant.locator('.choices a').first().click();
		await expect(applicant).toHaveURL(/\/uk\/mitglied-werden\?form=ordinary$/);
		await applicant.fill('input[name=organisationName]', name);
		await applicant.selectOption('select[name=legalForm]', 'ev');
		await applicant.selectOption('select[name=registerCourt]', 'Amtsgericht Leipzig');
		await applicant.fill('input[name=registerNumber]', 'HRB 12');
		await applicant.fill('input[name=seat]', 'Leipzig');
		await applicant.selectOption('select[name=districtKey]', '14713');
		await applicant.fill('textarea[name=representatives]', 'Олена Приклад – голова');
		await applicant.fill('input[name=contactName]', 'Олена Приклад');
		await applicant.fill('input[name=email]', email);
		await applicant.fill('input[name=communities]', 'Українська громада');
		await applicant.setInputFiles('input[name=statutes]', {
			name: 'statut.pdf',
			mimeType: 'application/pdf',
			buffer: PDF
		});
		await applicant.locator('main form button[type=submit]').click();
		await expect(applicant.locator('#field-registerNumber-error')).toBeVisible();
		await expect(applicant.locator('#field-acknowledgeGoals-error')).toBeVisible();
		await expect(applicant.locator('input[name=organisationName]')).toHaveValue(name);
		await expectNoAxeViolationsWithoutJs(browser, applicant);
		await applicant.fill('input[name=registerNumber]', 'VR 5123');
		await applicant.check('input[name=acknowledgeGoals]');
		await applicant.check('input[name=acknowledgeValues]');
		await applicant.check('input[name=acceptPrivacy]');
		await applicant.setInputFiles('input[name=statutes]', {
			name: 'statut.pdf',
			mimeType: 'application/pdf',
			buffer: PDF
		});
		await applicant.locator('main form button[type=submit]').click();
		await expect(applicant.locator('[role=status]')).toBeVisible();

		// 2. The confirmation mail in Ukrainian carries the private status link.
		const mail = await waitForMail(baseURL!, email, /mitglied-werden\/status\?token=/);
		const link = new URL(/https?:\/\/\S+mitglied-werden\/status\?token=\S+/.exec(mail.text)![0]);
		expect(link.pathname).toBe('/uk/mitglied-werden/status');

		// 3. Two board members approve; the first approval alone admits no one.
		const b1 = await pageFor(browser, baseURL!, first.cookie);
		await b1.goto('/admin/mitglieder/antraege');
		await expectNoAxeViolations(b1);
		await b1.getByRole('link', { name }).click();
		await expectNoAxeViolations(b1);
		const download = b1.waitForEvent('download');
		await b1.getByRole('link', { name: 'Satzung herunterladen' }).click();
		expect((await download).suggestedFilename()).toMatch(/^satzung-antrag-\d+\.pdf$/);
		await decide(b1, 'approve');
		await expect(b1.locator('[role=status]')).toContainText('Ihre Zustimmung ist gespeichert');
		await applicant.goto(link.pathname + link.search);
		await expectNoAxeViolationsWithoutJs(browser, applicant);
		const b2 = await pageFor(browser, baseURL!, second.cookie);
		await b2.goto(new URL(b1.url()).pathname);
		await decide(b2, 'approve');
		await expect(b2.locator('[role=status]')).toContainText(/M-\d{4}-\d{3}/);
		const number = /M-\d{4}-\d{3}/.exec((await b2.locator('[role=status]').textContent())!)![0];
		await waitForMail(baseURL!, email, new RegExp(number));

		// 4. In the register and in the directory as a member.
		await b2.goto(`/admin/mitglieder?suche=${encodeURIComponent(number)}`);
		await expect(b2.locator('tbody tr')).toHaveCount(1);
		await expectNoAxeViolations(b2);
		await b2.locator('tbody a').click();
		await expect(b2.locator('.history li')).toHaveCount(2);
		await expectNoAxeViolations(b2);
		const visitor = await pageFor(browser, baseURL!, null);
		await visitor.goto(`/verzeichnis?q=${encodeURIComponent('Калина')}&mitglied=1`);
		await expect(visitor.locator('.cards li', { hasText: 'Калина' })).toContainText('Mitglied');
		const memberPage = b2.url();

		// 5. Dues: the board sets the fees and creates the year's dues.
		await client.query(
			`update association_settings set iban = 'DE02120300000000202051', bic = 'BYLADEM1001'`
		);
		await b2.goto('/admin/mitglieder');
		await b2.fill('input[name=sepaCreditorId]', 'DE98ZZZ09999999999');
		await b2.locator('form[action="?/settings"] button[type=submit]').click();
		await expect(b2.locator('[role=status]')).toContainText('Gespeichert');
		const year = new Date().getFullYear();
		await b2.goto(`/admin/mitglieder/beitraege?jahr=${year}`);
		await b2.fill('input[name=ordinary]', '60');
		await b2.fill('input[name=supporting]', '24');
		await b2.locator('form[action^="?/fees"] button[type=submit]').click();
		await expect(b2.locator('[role=status]')).toContainText('Gespeichert');
		await b2.locator('form[action^="?/generate"] button[type=submit]').click();
		await expect(b2.locator('[role=status]')).toContainText('Beiträge erzeugt');
		await expect(b2.locator('tbody tr', { hasText: number })).toContainText('60,00');
		await expectNoAxeViolations(b2);

		// The contact person, signed in, sees the membership and a GiroCode to pay by transfer.
		const contact = await personWithSession(client, 'olena', null, 'uk', email);
		const own = await pageFor(browser, baseURL!, contact.cookie, { locale: 'uk-UA' });
		await own.goto('/uk/konto/mitgliedschaft');
		await expect(own.getByText(number, { exact: true })).toBeVisible();
		await expect(own.locator('.qr svg')).toBeVisible();
		await expect(own.locator('.transfer')).toContainText('DE02 1203 0000 0000 2020 51');
		await expectNoAxeViolations(own);

		// 6. The member signs a direct-debit mandate; the board exports the pain.008 file.
		await b2.goto(memberPage);
		await b2.fill('input[name=accountHolder]', 'Kalyna e. V.');
		await b2.fill('input[name=iban]', 'DE89 3704 0044 0532 0130 00');
		await b2.fill('input[name=signedOn]', `${year}-01-15`);
		await b2.locator('form[action="?/mandate"] button[type=submit]').click();
		await expect(b2.locator('[role=status]')).toContainText('Gespeichert');
		await b2.goto(`/admin/mitglieder/beitraege?jahr=${year}`);
		const collection = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
		await b2.fill('input[name=collectionDate]', collection);
		await b2.locator('form[action^="?/collect"] button[type=submit]').click();
		await expect(b2.locator('[role=status]')).toContainText('Lastschriftdatei');
		const href = (await b2.locator('a[href^="/admin/mitglieder/beitraege/datei"]').getAttribute('href'))!;
		const file = await b2.request.get(href);
		expect(file.headers()['content-disposition']).toContain('attachment');
		const xml = await file.text();
		expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.08');
		expect(xml).toContain('<CtrlSum>60.00</CtrlSum>');
		expect(xml).toContain('<SeqTp>FRST</SeqTp>');
		expect(xml).toContain(`<ReqdColltnDt>${collection}</ReqdColltnDt>`);
	} finally {
		await client.end();
	}
});

test('a hostile application is shown as text, and an honorary member is appointed', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const board = await personWithSession(client, 'vorstand-3', 'board');
		const applicant = await pageFor(browser, baseURL!, null);
		await applicant.goto('/mitglied-werden?form=supporting_person');
		for (const field of ['name', 'street', 'city', 'phone'])
			await applicant.fill(`input[name=${field}]`, XSS);
		await applicant.fill('input[name=email]', 'xss@example.org');
		await applicant.fill('textarea[name=message]', XSS);
		await applicant.check('input[name=acknowledgeGoals]');
		await applicant.check('input[name=acknowledgeValues]');
		await applicant.check('input[name=acceptPrivacy]');
		await applicant.locator('main form button[type=submit]').click();
		// The phone field rejects it; everything else is kept and sent again.
		await expect(applicant.locator('#field-phone-error')).toBeVisible();
		await expect(applicant.locator('input[name=name]')).toHaveValue(XSS);
		await applicant.fill('input[name=phone]', '');
		await applicant.locator('main form button[type=submit]').click();
		await expect(applicant.locator('[role=status]')).toBeVisible();

		const b = await pageFor(browser, baseURL!, board.cookie);
		await b.goto('/admin/mitglieder/antraege');
		await b.locator('.rows a', { hasText: '<img src=x' }).first().click();
		await expect(b.locator('h1')).toContainText('<img src=x');
		await expect(b.locator('main img, main script')).toHaveCount(0);
		expect(await b.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		await expectNoAxeViolations(b);
		await decide(b, 'reject', 'Bitte stellen Sie sich mit Ihrem Namen vor.');
		await expect(b.locator('[role=status]')).toContainText('Abgelehnt');

		// A supporting member (a person) applies in German and is admitted by two board members.
		const person = `Maria Förderin ${Date.now()}`;
		await applicant.goto('/mitglied-werden');
		await applicant.getByRole('link', { name: 'Förderndes Mitglied: Einzelperson' }).click();
		await applicant.fill('input[name=name]', person);
		await applicant.fill('input[name=email]', `maria-${Date.now()}@example.org`);
		await applicant.check('input[name=acknowledgeGoals]');
		await applicant.check('input[name=acknowledgeValues]');
		await applicant.check('input[name=acceptPrivacy]');
		await applicant.locator('main form button[type=submit]').click();
		await expect(applicant.locator('[role=status]')).toBeVisible();
		const other = await pageFor(
			browser,
			baseURL!,
			(await personWithSession(client, 'vorstand-4', 'board')).cookie
		);
		for (const reviewer of [b, other]) {
			await reviewer.goto('/admin/mitglieder/antraege');
			await reviewer.getByRole('link', { name: person }).click();
			await decide(reviewer, 'approve');
		}
		await expect(other.locator('[role=status]')).toContainText(/M-\d{4}-\d{3}/);

		// The old register comes in by CSV: checked first, written by the job queue with progress.
		const stamp = Date.now();
		await b.goto('/admin/mitglieder/import');
		await expectNoAxeViolations(b);
		await b.setInputFiles('input[name=file]', {
			name: 'alt.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				`\uFEFFMitgliedsnummer;Name;Form;Beginn\r\nALT-${stamp};Altverein ${stamp};ordentlich;01.02.2015\r\n;Anna ${stamp};fördernd;2020-01-01\r\n`
			)
		});
		await b.locator('form[action="?/preview"] button[type=submit]').click();
		await expect(b.locator('tbody tr')).toHaveCount(2);
		await expectNoAxeViolations(b);
		await b.locator('form[action="?/confirm"] button[type=submit]').click();
		await expect(b).toHaveURL(/\/admin\/mitglieder\/import\?lauf=\d+$/);
		await expect
			.poll(
				async () => {
					await b.reload();
					return b.locator('[role=status]').first().textContent();
				},
				{ timeout: 20_000 }
			)
			.toContain('2 Mitglieder übernommen');
		await b.goto(`/admin/mitglieder?suche=${stamp}`);
		await expect(b.locator('tbody tr')).toHaveCount(2);

		await b.goto('/admin/mitglieder');
		await b.fill('input[name=name]', 'Dr. Ehrenfried Beispiel');
		await b.fill('textarea[name=justification]', 'Zwanzig Jahre Einsatz für Migrantenbeiräte in Sachsen');
		await b.fill('input[name=decidedOn]', '2026-03-01');
		await b.locator('form[action="?/nominate"] button[type=submit]').click();
		await expect(b.locator('[role=status]')).toContainText(/Ernannt\. Die Mitgliedsnummer ist M-\d{4}-\d{3}/);
	} finally {
		await client.end();
	}
});
