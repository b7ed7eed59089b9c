import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { overwriteServerAsyncLocalStorage } from '#lib/paraglide/runtime.js';
import {
	BASE_LOCALE,
	isLocale,
	localizePath,
	negotiateLocale,
	splitLocalePath,
	textDirection,
	type Locale
} from '#lib/i18n/locales.ts';

/** The cookie that remembers a visitor's explicit choice (strictly necessary, § 25 (2) TDDDG). */
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export type LocaleDecision =
	| { redirect: Response }
	| { redirect?: undefined; locale: Locale; dir: 'ltr' | 'rtl'; path: string; vary?: string };

// Paraglide's message functions read the locale from this store, so concurrent requests in
// different languages never see each other's locale.
const storage = new AsyncLocalStorage<{ locale: Locale; origin: string; messageCalls: Set<string> }>();
overwriteServerAsyncLocalStorage(storage as never);

export function withLocale<T>(locale: Locale, origin: string, fn: () => T): T {
	return storage.run({ locale, origin, messageCalls: new Set() }, fn);
}

/** The remembered choice, else the browser's language; null when neither names a platform locale. */
export function preferredLocale(
	remembered: string | undefined,
	acceptLanguage: string | null
): Locale | null {
	return isLocale(remembered) ? remembered : negotiateLocale(acceptLanguage);
}

/** Paths that are not pages: no language negotiation, no redirect. */
function isPagePath(path: string) {
	return !/^\/(_app|healthz|sprache)(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path);
}

/**
 * The language comes from the URL prefix; an unprefixed (German) URL is first checked against the
 * visitor's remembered choice, then against Accept-Language, and redirected where those differ.
 */
export function resolveLocale(event: Pick<RequestEvent, 'url' | 'request' | 'cookies'>): LocaleDecision {
	const { locale: prefixed, path } = splitLocalePath(event.url.pathname);
	if (prefixed) return { locale: prefixed, dir: textDirection(prefixed), path };

	const method = event.request.method;
	if ((method === 'GET' || method === 'HEAD') && isPagePath(path)) {
		const preferred = preferredLocale(
			event.cookies.get(LOCALE_COOKIE),
			event.request.headers.get('accept-language')
		);
		if (preferred && preferred !== BASE_LOCALE) {
			const location = localizePath(path, preferred) + event.url.search;
			return {
				redirect: new Response(null, {
					status: 307,
					headers: { location, vary: 'Accept-Language, Cookie', 'cache-control': 'no-store' }
				})
			};
		}
		return { locale: BASE_LOCALE, dir: 'ltr', path, vary: 'Accept-Language, Cookie' };
	}
	return { locale: BASE_LOCALE, dir: 'ltr', path };
}
