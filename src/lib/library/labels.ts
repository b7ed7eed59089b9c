import { labelOf, type MessageKey } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';

const ACCESS: Record<string, MessageKey> = {
	public: 'documents_access_public',
	members: 'documents_access_members',
	board: 'documents_access_board'
};

export const accessLabel = (level: string, locale: Locale) => labelOf(ACCESS, level, locale);

/** A file size for people: "1,2 MB". */
export function fileSize(bytes: number, locale: Locale): string {
	const units = ['B', 'KB', 'MB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
