import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const PUBLIC_PAGES = [
	'/',
	'/ueber-uns',
	'/ziele',
	'/grundsatzpositionen',
	'/mitgliedschaft',
	'/kontakt',
	'/impressum',
	'/datenschutz',
	'/barrierefreiheit',
	'/verzeichnis',
	'/verzeichnis/beiraete',
	'/verzeichnis/offene-daten',
	'/migrantenbeirat-gruenden',
	'/mitglied-werden',
	'/veranstaltungen',
	'/veranstaltungen?ansicht=monat',
	'/veranstaltungen?archiv=1',
	'/veranstaltungen/bescheinigung',
	'/aktuelles',
	'/newsletter',
	'/austausch',
	'/verhaltenskodex',
	'/dokumente',
	'/ehrenamt'
] as const;

export const localized = (path: string, locale: string) =>
	locale === 'de' ? path : path === '/' ? `/${locale}` : `/${locale}${path}`;

/** WCAG 2.1 A and AA rules; the page must have no violation at all. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary).toEqual([]);
}

/**
 * axe needs JavaScript to run. For a page rendered with JavaScript off, the exact HTML the server
 * sent is replayed at the same URL in a JavaScript-enabled page (same viewport, same stylesheets
 * from the server) and checked there.
 */
export async function expectNoAxeViolationsWithoutJs(browser: Browser, page: Page) {
	const html = await page.content();
	const url = page.url();
	const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
	try {
		const replay = await context.newPage();
		await replay.route(url, (route) =>
			route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' })
		);
		await replay.goto(url);
		await expectNoAxeViolations(replay);
	} finally {
		await context.close();
	}
}

/** Fails the test when the page asks any host but our own for anything. */
export function recordForeignRequests(page: Page, ownOrigin: string): string[] {
	const foreign: string[] = [];
	page.on('request', (request) => {
		const url = request.url();
		if (!url.startsWith(ownOrigin) && !url.startsWith('data:')) foreign.push(url);
	});
	return foreign;
}

/** Opens an interactive page and, when JavaScript runs, waits until it is hydrated (forms enhanced). */
export async function open(page: Page, url: string, javaScriptEnabled = true) {
	await page.goto(url);
	if (javaScriptEnabled)
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 10_000 });
}
