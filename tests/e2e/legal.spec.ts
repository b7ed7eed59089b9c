import { expect, test } from '@playwright/test';

test.describe('legal pages from the association settings', () => {
	test('the Impressum shows the real identity and says clearly what is still missing', async ({ page }) => {
		await page.goto('/impressum');
		await expect(page.locator('h1')).toHaveText('Impressum');
		await expect(
			page.getByRole('definition').filter({ hasText: /^Integrationsnetzwerk Sachsen e\. V\.$/ })
		).toBeVisible();
		await expect(page.locator('dd', { hasText: '24. Februar 2011' })).toBeVisible();
		const notice = page.locator('.notice.warning');
		await expect(notice).toContainText('Dieses Impressum ist noch unvollständig');
		for (const field of ['Anschrift', 'Vertretungsberechtigter Vorstand (§ 26 BGB)', 'Registereintrag']) {
			await expect(notice.locator('li', { hasText: field })).toHaveCount(1);
		}
		await expect(page.locator('.missing').first()).toHaveText('noch nicht eingetragen');
	});

	test('the Impressum is one click away from every page', async ({ page }) => {
		await page.goto('/ziele');
		await page.locator('footer').getByRole('link', { name: 'Impressum' }).click();
		await expect(page).toHaveURL(/\/impressum$/);
	});

	test('the privacy notice names the controller and the supervisory authority', async ({ page }) => {
		await page.goto('/datenschutz');
		await expect(page.locator('h2', { hasText: 'Verantwortlicher' })).toBeVisible();
		await expect(page.locator('article')).toContainText('Integrationsnetzwerk Sachsen e. V.');
		await expect(page.locator('article')).toContainText('Sächsische Datenschutz- und Transparenzbeauftragte');
	});

	test('the Arabic Impressum dates the founding in Arabic', async ({ page }) => {
		await page.goto('/ar/impressum');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('dd', { hasText: 'فبراير' })).toBeVisible();
	});

	test('the accessibility statement names the contact form as its feedback channel, in the visitor language', async ({
		page
	}) => {
		await page.goto('/ar/barrierefreiheit');
		await page.locator('article a[href="/ar/kontakt"]').click();
		await expect(page).toHaveURL(/\/ar\/kontakt$/);
		await expect(page.locator('form textarea[name=message]')).toBeVisible();
	});
});
