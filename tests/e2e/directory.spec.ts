import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs, recordForeignRequests } from './support.ts';

// The visitor's journeys through the directory, on the demo data (DEMO=1 in the e2e server).

test.describe('Arabic, phone, JavaScript off', () => {
	test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'ar-SY' });

	test('finds Ukrainian-speaking organisations in Landkreis Leipzig working on education, in the list and on the map', async ({
		page,
		baseURL,
		browser
	}) => {
		const foreign = recordForeignRequests(page, baseURL!);
		await page.goto('/ar/verzeichnis');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.selectOption('select[name=sprache]', 'uk');
		await page.selectOption('select[name=kreis]', '14729');
		await page.selectOption('select[name=bereich]', 'education');
		await page.locator('form[role=search] button[type=submit]').click();

		const url = new URL(page.url());
		expect(url.pathname).toBe('/ar/verzeichnis');
		expect(url.searchParams.get('sprache')).toBe('uk');
		expect(url.searchParams.get('kreis')).toBe('14729');
		expect(url.searchParams.get('bereich')).toBe('education');
		const results = page.locator('.cards li');
		await expect(results).toHaveCount(1);
		await expect(results.first()).toContainText('Kalyna');
		// Chosen filters stay chosen, and each can be removed with a link.
		await expect(page.locator('select[name=sprache]')).toHaveValue('uk');
		await expect(page.locator('.chips a')).toHaveCount(4);

		// The map: each district a link that keeps the other filters; the table gives the same numbers.
		const map = page.locator('.district-map a[href*="kreis=14729"]');
		await expect(map).toHaveCount(1);
		await expect(map.locator('text')).toHaveText('1');
		const row = page.locator('table tbody tr', { hasText: 'Landkreis Leipzig' });
		await expect(row.locator('td')).toHaveText('1');
		const dresdenCount = Number(
			await page
				.locator('table tbody tr', { hasText: /^Dresden/ })
				.locator('td')
				.textContent()
		);
		await page.locator('.district-map a[href*="kreis=14612"]').click();
		expect(new URL(page.url()).searchParams.get('sprache')).toBe('uk');
		await expect(page.locator('.cards li')).toHaveCount(dresdenCount);

		// Nothing sticks out sideways at 360 px; no third party; no script at all.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expect(page.locator('script')).toHaveCount(0);
		await expectNoAxeViolationsWithoutJs(browser, page);
		expect(foreign).toEqual([]);
	});
});

test.describe('German, desktop, JavaScript on', () => {
	test('search is typo-tolerant, profiles hide private fields and carry JSON-LD', async ({ page }) => {
		await page.goto('/verzeichnis?q=Dresdn');
		const first = page.locator('.cards li a').first();
		await expect(first).toContainText('Dresden');
		await expectNoAxeViolations(page);

		await page.goto('/verzeichnis/kalyna-grimma');
		await expect(page.locator('h1')).toContainText('Kalyna');
		// Address and phone are for members only by default.
		await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);
		await expect(page.getByText('Weitere Kontaktdaten sehen nur angemeldete Mitglieder.')).toBeVisible();
		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
		expect(ld).toMatchObject({ '@type': 'Organization', address: { addressLocality: 'Grimma' } });
		expect(ld.telephone).toBeUndefined();
		await expectNoAxeViolations(page);
	});

	test('the coverage page shows where councils exist and links to the founding guide', async ({ page }) => {
		await page.goto('/verzeichnis/beiraete');
		await expect(page.locator('#kreis-14521')).toContainText('Noch kein Beirat eingetragen.');
		await expect(page.locator('#kreis-14627 li')).not.toHaveCount(0);
		await expect(page.locator('.district-map a')).toHaveCount(13);
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'So gründen Sie einen Migrantenbeirat' }).click();
		await expect(page).toHaveURL(/\/migrantenbeirat-gruenden$/);
		await expect(page.locator('h1')).toBeVisible();
	});

	test('open data: CSV and JSON with the public fields only and the licence', async ({ request }) => {
		const csv = await request.get('/verzeichnis/offene-daten/verzeichnis.csv');
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect(csv.headers()['content-disposition']).toContain('attachment');
		const text = await csv.text();
		expect(text.split('\r\n')[0]).toContain('name,url,kind,district_key');
		expect(text).toContain('Kalyna');
		// Phone numbers are members-only by default: none in the open data.
		expect(text).not.toContain('39987');
		const json = await (await request.get('/verzeichnis/offene-daten/verzeichnis.json')).json();
		expect(json.licence).toBe('CC-BY-4.0');
		expect(json.organisations.length).toBeGreaterThan(50);
		expect((await request.get('/verzeichnis/offene-daten/etwas.txt')).status()).toBe(404);
	});
});
