import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, localized, open } from './support.ts';
import { linkIn, waitForMail } from './mail.ts';
import { totp } from './totp.ts';

const submit = (page: Page) => page.locator('main form button[type=submit]').first().click();

for (const locale of ['de', 'ar'] as const) {
	for (const javaScriptEnabled of [true, false]) {
		test(`account journey in ${locale}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: register, verify, 2FA, reset`, async ({
			browser,
			baseURL
		}) => {
			test.setTimeout(90_000);
			const email = `person-${locale}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.org`;
			const url = (path: string) => localized(path, locale);
			const context = await browser.newContext({
				javaScriptEnabled,
				locale: locale === 'ar' ? 'ar-SY' : 'de-DE'
			});
			const page = await context.newPage();
			const axe = async () => {
				if (javaScriptEnabled) await expectNoAxeViolations(page);
			};

			// Register; a weak password is refused and what was typed stays.
			await open(page, url('/registrieren'), javaScriptEnabled);
			await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
			await axe();
			await page.fill('input[name=name]', 'Amal Haddad');
			await page.fill('input[name=email]', email);
			await page.fill('input[name=password]', 'passwort123');
			await submit(page);
			await expect(page.locator('#field-password-error')).toBeVisible();
			await expect(page.locator('input[name=email]')).toHaveValue(email);
			await expect(page.locator('input[name=name]')).toHaveValue('Amal Haddad');
			await page.fill('input[name=password]', 'jasmin blüht im hof');
			await submit(page);
			await expect(page.locator('[role=status]')).toContainText(email);

			// The real mail, in the visitor's language, with the real link.
			const verification = await waitForMail(baseURL!, email, /email-bestaetigen/);
			expect(verification.html).toContain(`lang="${locale}"`);
			await open(page, linkIn(verification, baseURL!), javaScriptEnabled);
			await axe();
			await submit(page);
			await expect(page.locator('[role=status]')).toBeVisible();

			// Sign in.
			await open(page, url('/anmelden'), javaScriptEnabled);
			await axe();
			await page.fill('input[name=email]', email);
			await page.fill('input[name=password]', 'jasmin blüht im hof');
			await submit(page);
			await expect(page).toHaveURL(new RegExp(`${url('/konto')}$`));
			await axe();

			// Two-factor sign-in with an authenticator app.
			await open(page, url('/konto/zwei-faktor'), javaScriptEnabled);
			await axe();
			const secret = (await page.locator('code.secret').textContent())!.trim();
			await page.fill('input[name=code]', totp(secret));
			await submit(page);
			await expect(page.locator('ul.codes li')).toHaveCount(10);

			// Sign out, sign in again: now the code is asked for.
			await open(page, url('/konto'), javaScriptEnabled);
			await page.locator('main form[action$="/abmelden"] button').click();
			await expect(page).toHaveURL(new RegExp(`${url('/')}$`));
			await open(page, url('/anmelden'), javaScriptEnabled);
			await page.fill('input[name=email]', email);
			await page.fill('input[name=password]', 'jasmin blüht im hof');
			await submit(page);
			await expect(page).toHaveURL(/\/anmelden\/zweiter-faktor/);
			await axe();
			await page.fill('input[name=code]', '000000');
			await submit(page);
			await expect(page.locator('#field-code-error')).toBeVisible();
			// The setup used the current step; the app's next code is accepted (clock drift window).
			await page.fill('input[name=code]', totp(secret, 1));
			await submit(page);
			await expect(page).toHaveURL(new RegExp(`${url('/konto')}$`));
			// Download my data; the deletion page asks for the password first.
			const download = await page.request.get(url('/konto/daten'));
			expect(download.headers()['content-disposition']).toContain('attachment');
			expect((await download.json()).account.email).toBe(email);
			await open(page, url('/konto/loeschen'), javaScriptEnabled);
			await axe();
			await page.fill('input[name=password]', 'falsches passwort');
			await submit(page);
			await expect(page.locator('#field-password-error')).toBeVisible();

			// Reset the password from another browser: the first browser's session ends.
			const other = await browser.newContext({
				javaScriptEnabled,
				locale: locale === 'ar' ? 'ar-SY' : 'de-DE'
			});
			const page2 = await other.newPage();
			await open(page2, url('/passwort-vergessen'), javaScriptEnabled);
			if (javaScriptEnabled) await expectNoAxeViolations(page2);
			await page2.fill('input[name=email]', email);
			await page2.locator('main form button[type=submit]').click();
			await expect(page2.locator('[role=status]')).toBeVisible();
			const reset = await waitForMail(baseURL!, email, /passwort-neu/);
			await open(page2, linkIn(reset, baseURL!), javaScriptEnabled);
			if (javaScriptEnabled) await expectNoAxeViolations(page2);
			await page2.fill('input[name=password]', 'neuer morgen am fluss');
			await page2.locator('main form button[type=submit]').click();
			await expect(page2).toHaveURL(/\/anmelden\?reset=1$/);
			await expect(page2.locator('[role=status]')).toBeVisible();

			await open(page, url('/konto'), javaScriptEnabled);
			await expect(page).toHaveURL(/\/anmelden\?next=/);

			await other.close();
			await context.close();
		});
	}
}

test('sign-in attempts are slowed down, with a clear message', async ({ browser }) => {
	// Without JavaScript every attempt is a full page load, so each answer is the new one.
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
	const page = await context.newPage();
	await page.goto('/anmelden');
	for (let i = 0; i < 6; i++) {
		await page.fill('input[name=email]', 'brute@example.org');
		await page.fill('input[name=password]', `falsch-${i}-falsch`);
		await submit(page);
		await expect(page.locator('[role=alert]')).toBeVisible();
	}
	await expect(page.locator('[role=alert]')).toContainText('Zu viele Versuche');
	await context.close();
});
