import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, open } from './support.ts';
import { e2eState, waitForMail } from './mail.ts';
import { totp } from './totp.ts';

// Runs against the PostgreSQL server (its own app instance): it changes the association's settings,
// which the legal-page tests on the PGlite instance check in their first-start state.
test('the first admin signs in, must set up a second factor, fills in the Impressum data and sees it live', async ({
	page,
	baseURL
}) => {
	test.setTimeout(90_000);
	const { adminEmail, adminPassword } = e2eState(baseURL!);
	expect(adminPassword, 'the first start printed the admin password').toMatch(/^[A-Za-z0-9]{20}$/);

	await open(page, '/anmelden?next=/admin');
	await page.fill('input[name=email]', adminEmail);
	await page.fill('input[name=password]', adminPassword!);
	await page.locator('main form button[type=submit]').click();
	// No admin rights before the second factor: sent to set it up.
	await expect(page).toHaveURL(/\/konto\/zwei-faktor\?required=1$/);
	await expect(page.locator('.notice.warning')).toBeVisible();
	const secret = (await page.locator('code.secret').textContent())!.trim();
	await page.fill('input[name=code]', totp(secret));
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('ul.codes li')).toHaveCount(10);

	await page.goto('/admin');
	await expect(page.locator('h1')).toHaveText('Verwaltung');
	await expect(page.locator('.notice.warning')).toContainText('Anschrift');
	await expectNoAxeViolations(page);

	await open(page, '/admin/einstellungen');
	await expectNoAxeViolations(page);
	await page.fill('input[name=street]', 'Musterstraße 1');
	await page.fill('input[name=postalCode]', '0106');
	await page.fill('input[name=city]', 'Dresden');
	await page.fill('input[name=registerNumber]', 'VR 1234');
	await page.locator('main form button[type=submit]').click();
	// Bad input: a clear message beside the field, nothing typed is lost.
	await expect(page.locator('#field-postalCode-error')).toContainText('5 Ziffern');
	await expect(page.locator('input[name=street]')).toHaveValue('Musterstraße 1');
	await expect(page.locator('input[name=registerNumber]')).toHaveValue('VR 1234');
	await page.fill('input[name=postalCode]', '01067');
	await page.fill('input[name=registerCourt]', 'Amtsgericht Dresden');
	await page.fill('input[name=email]', 'info@example.org');
	await page.fill('input[name=phone]', '+49 351 000000');
	await page.fill('textarea[name=representatives]', 'Maria Muster – Vorsitzende');
	await page.fill('input[name=editorialResponsible]', 'Maria Muster');
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('[role=status]')).toBeVisible();

	// The public Impressum shows it at once (the page cache was invalidated).
	const visitor = await page.context().browser()!.newContext({ locale: 'de-DE' });
	const impressum = await visitor.newPage();
	await impressum.goto('/impressum');
	await expect(impressum.locator('.notice.warning')).toHaveCount(0);
	await expect(impressum.locator('address')).toContainText('Musterstraße 1');
	await expect(impressum.locator('dd', { hasText: 'Maria Muster (Vorsitzende)' })).toBeVisible();
	await visitor.close();

	await page.goto('/admin');
	await expect(page.locator('.notice.success')).toBeVisible();

	// A visitor writes through the contact form; the office address gets the message by mail.
	const writer = await page.context().browser()!.newContext({ locale: 'uk-UA', javaScriptEnabled: false });
	const form = await writer.newPage();
	await form.goto('/uk/kontakt');
	await form.fill('input[name=name]', 'Oksana');
	await form.fill('input[name=email]', 'oksana@example.org');
	await form.fill('input[name=subject]', 'Визнання диплома');
	await form.fill('textarea[name=message]', 'Хто вже пройшов визнання диплома?');
	await form.check('input[name=consent]');
	await form.waitForTimeout(3_200);
	await form.locator('main form button[type=submit]').click();
	await expect(form.locator('[role=status]')).toBeVisible();
	await writer.close();
	await waitForMail(baseURL!, 'info@example.org', /Визнання диплома/);

	// The office answers in the admin area; the answer reaches the visitor in Ukrainian.
	await open(page, '/admin/nachrichten?status=new');
	await page.getByRole('link', { name: 'Визнання диплома' }).click();
	await expect(page.locator('blockquote')).toContainText('Хто вже пройшов');
	await expectNoAxeViolations(page);
	await page.fill('textarea[name=reply]', 'Ja – Frau K. aus Leipzig meldet sich bei Ihnen.');
	await page.locator('form[action="?/reply"] button').click();
	await expect(page.locator('[role=status]')).toBeVisible();
	const answer = await waitForMail(baseURL!, 'oksana@example.org', /Frau K\. aus Leipzig/);
	expect(answer.html).toContain('lang="uk"');

	// Every other admin page passes axe too.
	for (const path of [
		'/admin/nachrichten',
		'/admin/postausgang',
		'/admin/benutzer',
		'/email-aendern?token=x'
	]) {
		await open(page, path);
		await expectNoAxeViolations(page);
	}
	await open(page, '/admin/postausgang');
	await page.locator('ul.mails a').first().click();
	await expect(page.locator('pre.mail-text')).toBeVisible();
	await expectNoAxeViolations(page);

	// User accounts: the list and one person's page.
	await open(page, '/admin/benutzer?suche=admin');
	await page.getByRole('link', { name: 'Administrator' }).first().click();
	await expect(page.locator('input[name=role][value=admin]')).toBeChecked();
	await expectNoAxeViolations(page);
	await page.goto('/admin/protokoll');
	await expect(page.locator('tbody')).toContainText('settings.updated');
	await expect(page.locator('tbody')).toContainText('auth.2fa_enabled');
	await expectNoAxeViolations(page);

	// The admin area is right-to-left in Arabic too.
	await page.goto('/ar/admin/einstellungen');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	await page.goto('/ar/admin/postausgang');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
});
