import { expect, test } from '@playwright/test';
import { expectNoAxeViolationsWithoutJs, localized } from './support.ts';

for (const locale of ['de', 'ar'] as const) {
	test(`the contact form works without JavaScript in ${locale}, keeps what was typed and explains errors`, async ({
		browser
	}) => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			locale: locale === 'ar' ? 'ar-SY' : 'de-DE'
		});
		const page = await context.newPage();
		await page.goto(localized('/kontakt', locale));
		await page.fill('input[name=name]', 'Layla');
		await page.fill('input[name=email]', 'layla@example.org');
		await page.fill('input[name=subject]', 'Migrantenbeirat gründen');
		await page.fill('textarea[name=message]', 'Wie haben andere Städte das gemacht?');
		// People take a moment to write; the form refuses what arrives faster than that.
		await page.waitForTimeout(3_200);
		await page.locator('main form button[type=submit]').click();
		// Without consent: a clear message, and nothing typed is lost.
		await expect(page.locator('#field-consent-error')).toBeVisible();
		await expect(page.locator('textarea[name=message]')).toHaveValue('Wie haben andere Städte das gemacht?');
		await expect(page.locator('input[name=subject]')).toHaveValue('Migrantenbeirat gründen');
		await expectNoAxeViolationsWithoutJs(browser, page);
		await page.check('input[name=consent]');
		await page.locator('main form button[type=submit]').click();
		await expect(page.locator('[role=status]')).toBeVisible();
		await context.close();
	});
}
