/** The platform's locales. German is the source language and has unprefixed URLs. */
export const LOCALES = ['de', 'en', 'uk', 'ru', 'ar', 'fa', 'pl', 'vi', 'tr'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'de';

/** Each language in its own name and script, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
	de: 'Deutsch',
	en: 'English',
	uk: 'Українська',
	ru: 'Русский',
	ar: 'العربية',
	fa: 'فارسی',
	pl: 'Polski',
	vi: 'Tiếng Việt',
	tr: 'Türkçe'
};

const RTL_LOCALES: ReadonlySet<Locale> = new Set(['ar', 'fa']);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
	return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/** Splits `/ar/ueber-uns` into `{ locale: 'ar', path: '/ueber-uns' }`; unprefixed paths have no locale. */
export function splitLocalePath(pathname: string): { locale: Locale | null; path: string } {
	const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
	if (match && isLocale(match[1]) && match[1] !== BASE_LOCALE) {
		return { locale: match[1], path: match[2] || '/' };
	}
	return { locale: null, path: pathname };
}

/** The URL path of `path` (unprefixed, starting with `/`) in `locale`. */
export function localizePath(path: string, locale: Locale): string {
	if (locale === BASE_LOCALE) return path;
	return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/**
 * The best supported locale for an `Accept-Language` header (RFC 9110 quality values), matching
 * on the primary language subtag (`ar-SY` → `ar`, `pt-BR` → nothing). Returns null when nothing fits.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
			return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
		})
		.filter((entry) => entry.tag && entry.q > 0 && !Number.isNaN(entry.q))
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of ranked) {
		const primary = tag.split('-')[0];
		if (isLocale(primary)) return primary;
	}
	return null;
}
