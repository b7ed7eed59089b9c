import type { Locale } from './locales.ts';

/** All dates are shown in the association's time zone and the Gregorian calendar. */
export const TIME_ZONE = 'Europe/Berlin';

export function formatDate(value: Date | string, locale: Locale): string {
	const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'long',
		timeZone: TIME_ZONE,
		calendar: 'gregory'
	}).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(locale).format(value);
}

export function formatDateTime(value: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE,
		calendar: 'gregory'
	}).format(value);
}

/** An amount of money kept in integer cents, as euros in the reader's language ("24,00 €"). */
export function formatEuros(cents: number, locale: Locale): string {
	return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** An event's period ("Sa., 27. März 2027, 10:00–16:00 Uhr"), shortened where start and end share parts. */
export function formatPeriod(start: Date, end: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: TIME_ZONE,
		calendar: 'gregory'
	}).formatRange(start, end);
}
