import type { Handle } from '@sveltejs/kit/hooks';
import { BASE_LOCALE, splitLocalePath } from '#lib/i18n/locales.ts';
import { LOCALE_COOKIE, preferredLocale } from '#lib/server/i18n/request-locale.ts';

/**
 * Rendered public pages for anonymous visitors, kept in memory. Most requests are anonymous reads
 * of pages that change a few times a week; serving them from memory keeps the site fast on a small
 * machine. Entries are dropped on every content or settings change in this process
 * (`invalidatePageCache`) and expire after `TTL_MS`, which bounds staleness when several app
 * processes share one PostgreSQL server. Hits are also served by scripts/serve.mjs before the
 * request reaches SvelteKit at all (`lookupCachedPage`).
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 500;

interface Entry {
	body: Uint8Array<ArrayBuffer>;
	headers: [string, string][];
	expires: number;
	generation: number;
}

const entries = new Map<string, Entry>();
let generation = 0;

export function invalidatePageCache() {
	generation++;
	entries.clear();
}

export interface PageRequest {
	method: string;
	/** Path and query, as in the request line. */
	target: string;
	protocol: 'http:' | 'https:';
	cookie: string | null | undefined;
	accept: string | null | undefined;
	acceptLanguage: string | null | undefined;
}

function localeCookie(cookie: string) {
	for (const part of cookie.split(';')) {
		const [name = '', value] = part.trim().split('=');
		if (name === LOCALE_COOKIE) return value;
	}
	return undefined;
}

/**
 * Only plain anonymous page reads are cached: GET, no query string, no cookie but the language
 * choice, an HTML request — and not when the language decision would redirect the visitor.
 */
export function cacheKeyFor(request: PageRequest): string | null {
	if (request.method !== 'GET' || request.target.includes('?') || !request.target.startsWith('/'))
		return null;
	const cookie = request.cookie ?? '';
	if (cookie && cookie.split(';').some((c) => c.trim().split('=')[0] !== LOCALE_COOKIE)) return null;
	if (!(request.accept ?? '').includes('text/html')) return null;
	if (splitLocalePath(request.target).locale === null) {
		const preferred = preferredLocale(localeCookie(cookie), request.acceptLanguage ?? null);
		if (preferred && preferred !== BASE_LOCALE) return null;
	}
	return `${request.protocol}${request.target}`;
}

/** A cached page for this request, if there is a fresh one. */
export function lookupCachedPage(
	request: PageRequest
): { headers: [string, string][]; body: Uint8Array } | undefined {
	const key = cacheKeyFor(request);
	const hit = key ? entries.get(key) : undefined;
	if (!hit || hit.expires <= Date.now() || hit.generation !== generation) return undefined;
	return hit;
}

// The entry point (scripts/serve.mjs) looks here before handing a request to SvelteKit.
(globalThis as Record<symbol, unknown>)[Symbol.for('miteinander.pageCache')] = { lookup: lookupCachedPage };

function cacheable(response: Response, body: string) {
	return (
		response.status === 200 &&
		(response.headers.get('content-type') ?? '').startsWith('text/html') &&
		!response.headers.has('set-cookie') &&
		// A page with scripts carries a per-response CSP nonce, which must never be replayed.
		!body.includes('<script')
	);
}

/** Outermost after logging, so a cached response carries every header the full one had. */
export const pageCache: Handle = async ({ event, resolve }) => {
	const request: PageRequest = {
		method: event.request.method,
		target: event.url.pathname + event.url.search,
		protocol: event.url.protocol === 'https:' ? 'https:' : 'http:',
		cookie: event.request.headers.get('cookie'),
		accept: event.request.headers.get('accept'),
		acceptLanguage: event.request.headers.get('accept-language')
	};
	const key = cacheKeyFor(request);
	if (!key) return resolve(event);
	const hit = lookupCachedPage(request);
	if (hit) return new Response(hit.body as Uint8Array<ArrayBuffer>, { status: 200, headers: hit.headers });
	const started = generation;
	const response = await resolve(event);
	if (response.status !== 200) return response;
	const body = await response.text();
	if (cacheable(response, body) && started === generation) {
		if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
		entries.set(key, {
			body: new TextEncoder().encode(body),
			headers: [...response.headers],
			expires: Date.now() + TTL_MS,
			generation
		});
	}
	return new Response(body, { status: response.status, headers: response.headers });
};
