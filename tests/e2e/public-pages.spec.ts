import { expect, test } from '@playwright/test';
import {
	PUBLIC_PAGES,
	expectNoAxeViolations,
	expectNoAxeViolationsWithoutJs,
	localized,
	recordForeignRequests
} from './support.ts';

const VIEWPORTS = [
	{ name: 'phone', width: 360, height: 740 },
	{ name: 'desktop', width: 1280, height: 900 }
] as const;

for (const locale of ['de', 'ar'] as const) {
	for (const viewport of VIEWPORTS) {
		for (const javaScriptEnabled of [true, false]) {
			test.describe(`${locale}, ${viewport.name}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
				test.use({
					viewport: { width: viewport.width, height: viewport.height },
					javaScriptEnabled,
					locale: locale === 'ar' ? 'ar-SY' : 'de-DE'
				});

				for (const path of PUBLIC_PAGES) {
					test(`${localized(path, locale)} reads correctly and passes axe`, async ({
						page,
						baseURL,
						browser
					}) => {
						const foreign = recordForeignRequests(page, baseURL!);
						const url = localized(path, locale);
						const response = await page.goto(url);
						expect(response?.status()).toBe(200);
						const landed = new URL(page.url());
						expect(landed.pathname + landed.search).toBe(url);

						const html = page.locator('html');
						await expect(html).toHaveAttribute('lang', locale);
						await expect(html).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
						await expect(page.locator('h1')).toHaveCount(1);
						await expect(page.locator('h1')).toBeVisible();
						await expect(page.locator('link[rel=alternate][hreflang]')).toHaveCount(10);

						// Public content pages ship no client-side JavaScript.
						await expect(page.locator('script')).toHaveCount(0);
						// Nothing sticks out sideways, also at 360 px.
						const overflow = await page.evaluate(
							() => document.documentElement.scrollWidth - document.documentElement.clientWidth
						);
						expect(overflow).toBeLessThanOrEqual(0);
						// Skip link, footer with the legal pages.
						await expect(page.locator('a.skip-link')).toHaveAttribute('href', '#main');
						for (const legal of ['/impressum', '/datenschutz', '/barrierefreiheit']) {
							await expect(page.locator(`footer a[href="${localized(legal, locale)}"]`)).toHaveCount(1);
						}

						if (javaScriptEnabled) await expectNoAxeViolations(page);
						else await expectNoAxeViolationsWithoutJs(browser, page);
						expect(foreign).toEqual([]);
					});
				}
			});
		}
	}
}
