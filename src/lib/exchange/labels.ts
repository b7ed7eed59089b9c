import { BASE_LOCALE, type Locale } from '#lib/i18n/locales.ts';

/** A topic's name in the reader's language (German where none is written). */
export function topicName(topic: { labels: Record<string, string> }, locale: Locale): string {
	return topic.labels[locale] || topic.labels[BASE_LOCALE] || '';
}
