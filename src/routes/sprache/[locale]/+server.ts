import { error, redirect } from '@sveltejs/kit';
import { isLocale, localizePath, splitLocalePath } from '#lib/i18n/locales.ts';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from '#lib/server/i18n/request-locale.ts';

/** A local path only: no scheme, no `//host`, no backslash tricks (open-redirect safe). */
function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
	return splitLocalePath(next).path;
}

/** The language switcher: remembers the visitor's explicit choice and returns to the same page. */
export const GET = ({ params, url, cookies }) => {
	if (!isLocale(params.locale)) error(404);
	cookies.set(LOCALE_COOKIE, params.locale, {
		path: '/',
		maxAge: LOCALE_COOKIE_MAX_AGE,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
	redirect(303, localizePath(safeNext(url.searchParams.get('next')), params.locale));
};
