import { describe, expect, it } from 'vitest';
import { localizePath, negotiateLocale, splitLocalePath, textDirection } from './locales.ts';
import { formatDate } from './format.ts';

describe(splitLocalePath.name, () => {
	it('recognises a locale prefix and keeps the rest of the path', () => {
		expect(splitLocalePath('/ar/ueber-uns')).toEqual({ locale: 'ar', path: '/ueber-uns' });
		expect(splitLocalePath('/en')).toEqual({ locale: 'en', path: '/' });
	});
	it('treats unprefixed paths, unknown prefixes and the German prefix as unprefixed', () => {
		expect(splitLocalePath('/ueber-uns')).toEqual({ locale: null, path: '/ueber-uns' });
		expect(splitLocalePath('/xx/ueber-uns')).toEqual({ locale: null, path: '/xx/ueber-uns' });
		expect(splitLocalePath('/de/ziele')).toEqual({ locale: null, path: '/de/ziele' });
		expect(splitLocalePath('/english')).toEqual({ locale: null, path: '/english' });
	});
});

describe(localizePath.name, () => {
	it('prefixes every locale but German', () => {
		expect(localizePath('/', 'de')).toBe('/');
		expect(localizePath('/', 'fa')).toBe('/fa');
		expect(localizePath('/ziele', 'uk')).toBe('/uk/ziele');
	});
});

describe(negotiateLocale.name, () => {
	it('picks the supported language with the highest quality', () => {
		expect(negotiateLocale('fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7')).toBe('ar');
		expect(negotiateLocale('en;q=0.5, uk-UA')).toBe('uk');
	});
	it('keeps header order on equal quality and ignores q=0', () => {
		expect(negotiateLocale('tr, en')).toBe('tr');
		expect(negotiateLocale('ru;q=0, pl;q=0.1')).toBe('pl');
	});
	it('returns null when nothing fits', () => {
		expect(negotiateLocale('fr, es')).toBeNull();
		expect(negotiateLocale('')).toBeNull();
		expect(negotiateLocale(undefined)).toBeNull();
	});
});

describe(textDirection.name, () => {
	it('is right-to-left for Arabic and Farsi only', () => {
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('fa')).toBe('rtl');
		expect(textDirection('de')).toBe('ltr');
		expect(textDirection('uk')).toBe('ltr');
	});
});

describe(formatDate.name, () => {
	it('formats calendar dates in the page locale and the Gregorian calendar', () => {
		expect(formatDate('2011-02-24', 'de')).toBe('24. Februar 2011');
		expect(formatDate('2011-02-24', 'en')).toBe('February 24, 2011');
		expect(formatDate('2011-02-24', 'fa')).toContain('2011'.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
	});
});
