import type { Handle } from '@sveltejs/kit/hooks';
import { LOCALE_COOKIE } from '#lib/server/i18n/request-locale.ts';

/**
 * Rendered public pages for anonymous visitors, kept in memory. Most requests are anonymous reads
 * of pages that change a few times a week; serving them from memory keeps the site fast on a small
 * machine. Entries are dropped on every content or settings change in this process
 * (`invalidatePageCache`) and expire after `TTL_MS`, which bounds staleness when several app
 * processes share one PostgreSQL server.
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

/** Only plain anonymous page reads: no cookie but the language choice, no query string. */
function cacheKey(request: Request, url: URL): string | null {
	if (request.method !== 'GET' || url.search) return null;
	const cookies = request.headers.get('cookie');
	if (cookies && cookies.split(';').some((c) => c.trim().split('=')[0] !== LOCALE_COOKIE)) return null;
	if (!(request.headers.get('accept') ?? '').includes('text/html')) return null;
	return url.pathname;
}

function cacheable(response: Response, body: string) {
	return (
		response.status === 200 &&
		(response.headers.get('content-type') ?? '').startsWith('text/html') &&
		!response.headers.has('set-cookie') &&
		// A page with scripts carries a per-response CSP nonce, which must never be replayed.
		!body.includes('<script')
	);
}

export const pageCache: Handle = async ({ event, resolve }) => {
	const key = cacheKey(event.request, event.url);
	if (!key) return resolve(event);
	const hit = entries.get(key);
	if (hit && hit.expires > Date.now() && hit.generation === generation) {
		return new Response(hit.body, { status: 200, headers: hit.headers });
	}
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
