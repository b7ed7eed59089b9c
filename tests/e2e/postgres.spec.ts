import { expect, test } from '@playwright/test';
import { PUBLIC_PAGES, expectNoAxeViolations, localized } from './support.ts';

test.describe('the same app on a PostgreSQL server', () => {
	test('/healthz reports PostgreSQL', async ({ request }) => {
		expect(await (await request.get('/healthz')).json()).toMatchObject({
			status: 'ok',
			database: { kind: 'postgres', ok: true }
		});
	});

	for (const locale of ['de', 'ar']) {
		test(`every public page renders in ${locale}`, async ({ page }) => {
			for (const path of PUBLIC_PAGES) {
				const response = await page.goto(localized(path, locale));
				expect(response?.status(), path).toBe(200);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expect(page.locator('h1')).toHaveCount(1);
			}
			await expectNoAxeViolations(page);
		});
	}
});
