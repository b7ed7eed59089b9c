import { labelOf, type MessageKey } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';

const STATUSES: Record<string, MessageKey> = {
	pending: 'volunteering_status_pending',
	published: 'volunteering_status_published',
	closed: 'volunteering_status_closed'
};

export const opportunityStatusLabel = (status: string, locale: Locale) => labelOf(STATUSES, status, locale);
