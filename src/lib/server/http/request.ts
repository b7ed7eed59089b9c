import type { RequestEvent } from '@sveltejs/kit';
import { localizePath, type Locale } from '#lib/i18n/locales.ts';

/** Client address for rate limits and the audit log; null when it cannot be known. */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

export const requestMeta = (event: RequestEvent) => ({ ip: clientIp(event), origin: event.url.origin });

/** A local, unprefixed path to return to after sign-in; anything else falls back to the account page. */
export function safeReturnPath(next: string | null | undefined, locale: Locale): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
		return localizePath('/konto', locale);
	return localizePath(next, locale);
}

/** The `?seite=` of a paginated list: a whole number from 1 to 10,000, else 1. */
export function pageNumber(url: URL): number {
	const page = Math.trunc(Number(url.searchParams.get('seite')));
	return Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1;
}
