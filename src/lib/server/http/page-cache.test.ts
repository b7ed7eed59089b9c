import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { cacheKeyFor, invalidatePageCache, lookupCachedPage, pageCache } from './page-cache.ts';

let renders = 0;
function render(body = '<h1>Seite</h1>', init: ResponseInit = {}) {
	return async () => {
		renders++;
		return new Response(body, { status: 200, headers: { 'content-type': 'text/html' }, ...init });
	};
}
function event(path: string, headers: Record<string, string> = {}, method = 'GET') {
	const url = new URL(`http://localhost${path}`);
	return {
		url,
		request: new Request(url, { method, headers: { accept: 'text/html', ...headers } })
	} as RequestEvent;
}
async function get(path: string, headers?: Record<string, string>, resolve = render()) {
	const response = await pageCache({ event: event(path, headers), resolve });
	return response.text();
}
const plain = {
	method: 'GET',
	protocol: 'http:' as const,
	cookie: null,
	accept: 'text/html',
	acceptLanguage: 'de'
};

describe('pageCache', () => {
	it('renders an anonymous page once and then serves it from memory', async () => {
		invalidatePageCache();
		renders = 0;
		expect(await get('/ziele')).toBe('<h1>Seite</h1>');
		expect(await get('/ziele')).toBe('<h1>Seite</h1>');
		expect(renders).toBe(1);
		// The entry point finds the same entry.
		expect(lookupCachedPage({ ...plain, target: '/ziele' })).toBeDefined();
	});
	it('renders again after a change', async () => {
		renders = 0;
		await get('/ueber-uns');
		invalidatePageCache();
		expect(lookupCachedPage({ ...plain, target: '/ueber-uns' })).toBeUndefined();
		await get('/ueber-uns');
		expect(renders).toBe(2);
	});
	it('never caches for visitors with a session or other cookies, with a query string, or non-GET', async () => {
		renders = 0;
		await get('/a', { cookie: 'mit_session=abc' });
		await get('/a', { cookie: 'mit_session=abc' });
		await get('/b?x=1');
		await get('/b?x=1');
		await pageCache({ event: event('/c', {}, 'POST'), resolve: render() });
		await pageCache({ event: event('/c', {}, 'POST'), resolve: render() });
		expect(renders).toBe(6);
	});
	it('caches for visitors whose only cookie is the language choice', async () => {
		renders = 0;
		await get('/ar/d', { cookie: 'PARAGLIDE_LOCALE=ar' });
		await get('/ar/d', { cookie: 'PARAGLIDE_LOCALE=ar' });
		expect(renders).toBe(1);
	});
	it('never caches pages with scripts (their CSP nonce is per response), errors or cookies', async () => {
		renders = 0;
		const withScript = render('<script nonce="x"></script>');
		await get('/e', {}, withScript);
		await get('/e', {}, withScript);
		const setsCookie = render('<p>x</p>', { headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } });
		await get('/f', {}, setsCookie);
		await get('/f', {}, setsCookie);
		const notFound = render('<p>404</p>', { status: 404 });
		await get('/g', {}, notFound);
		await get('/g', {}, notFound);
		expect(renders).toBe(6);
	});
});

describe(cacheKeyFor.name, () => {
	it('leaves unprefixed pages to the language redirect when the visitor prefers another language', () => {
		expect(cacheKeyFor({ ...plain, target: '/ziele', acceptLanguage: 'ar' })).toBeNull();
		expect(cacheKeyFor({ ...plain, target: '/ziele', cookie: 'PARAGLIDE_LOCALE=uk' })).toBeNull();
		expect(
			cacheKeyFor({ ...plain, target: '/ziele', acceptLanguage: 'ar', cookie: 'PARAGLIDE_LOCALE=de' })
		).toBe('http:/ziele');
		expect(cacheKeyFor({ ...plain, target: '/ar/ziele', acceptLanguage: 'de' })).toBe('http:/ar/ziele');
	});
	it('keeps http and https apart (HSTS is sent over https only)', () => {
		expect(cacheKeyFor({ ...plain, target: '/ziele', protocol: 'https:' })).toBe('https:/ziele');
	});
});
