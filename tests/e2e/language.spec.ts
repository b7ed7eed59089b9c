import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support.ts';

test.describe('language', () => {
	test('switching keeps the visitor on the same page, in the new language, and is remembered', async ({
		page
	}) => {
		await page.goto('/ziele');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await page.locator('details.language summary').click();
		await page.getByRole('link', { name: 'العربية' }).click();
		await expect(page).toHaveURL(/\/ar\/ziele$/);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('nav.main-nav a[aria-current=page]')).toHaveAttribute('href', '/ar/ziele');

		// The choice is remembered: an unprefixed (German) link now leads to the Arabic page.
		await page.goto('/mitgliedschaft');
		await expect(page).toHaveURL(/\/ar\/mitgliedschaft$/);

		// Back to German, explicitly.
		await page.locator('details.language summary').click();
		await page.getByRole('link', { name: 'Deutsch' }).click();
		await expect(page).toHaveURL(/\/mitgliedschaft$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await page.goto('/ueber-uns');
		await expect(page).toHaveURL(/\/ueber-uns$/);
	});

	test('works without JavaScript too', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
		const page = await context.newPage();
		await page.goto('/grundsatzpositionen');
		await page.locator('details.language summary').click();
		await page.getByRole('link', { name: 'Українська' }).click();
		await expect(page).toHaveURL(/\/uk\/grundsatzpositionen$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await context.close();
	});

	test('a first visit follows the browser language', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'fa-IR' });
		const page = await context.newPage();
		await page.goto('/ueber-uns');
		await expect(page).toHaveURL(/\/fa\/ueber-uns$/);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await context.close();
	});

	test('a browser language we do not offer gets German', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto('/ziele');
		await expect(page).toHaveURL(/\/ziele$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await context.close();
	});

	for (const locale of ['en', 'uk', 'ru', 'ar', 'fa', 'pl', 'vi', 'tr']) {
		test(`the home page reads in ${locale}, marks unreviewed translations and passes axe`, async ({
			page
		}) => {
			await page.goto(`/${locale}`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.locator('html')).toHaveAttribute(
				'dir',
				['ar', 'fa'].includes(locale) ? 'rtl' : 'ltr'
			);
			// The notice links to the German original.
			await expect(page.locator('[role=note] a[hreflang=de]')).toHaveAttribute('href', '/');
			const german = await (await page.request.get('/', { headers: { 'accept-language': 'de' } })).text();
			const title = await page.locator('h1').textContent();
			expect(german).not.toContain(`<h1>${title}</h1>`);
			await expectNoAxeViolations(page);
		});
	}

	test('hreflang alternates point at every language version of the page', async ({ page, baseURL }) => {
		await page.goto('/ziele');
		const alternates = await page
			.locator('link[rel=alternate][hreflang]')
			.evaluateAll((links) => links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]));
		expect(alternates).toContainEqual(['ar', `${baseURL}/ar/ziele`]);
		expect(alternates).toContainEqual(['de', `${baseURL}/ziele`]);
		expect(alternates).toContainEqual(['x-default', `${baseURL}/ziele`]);
	});
});
