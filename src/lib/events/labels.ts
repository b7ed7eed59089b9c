import { labelOf as label, type MessageKey } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { EventStatus, EventType, QuestionKind, RegistrationStatus } from './events.ts';

// Spelled out (not built from strings) so the compiler and the catalog test see every key.
const TYPES: Record<EventType, MessageKey> = {
	event: 'events_type_event',
	training: 'events_type_training',
	encounter: 'events_type_encounter',
	online_seminar: 'events_type_online_seminar',
	general_assembly: 'events_type_general_assembly'
};

const STATUSES: Record<EventStatus, MessageKey> = {
	draft: 'events_status_draft',
	pending: 'events_status_pending',
	published: 'events_status_published',
	cancelled: 'events_status_cancelled'
};

const REGISTRATION_STATUSES: Record<RegistrationStatus, MessageKey> = {
	pending: 'events_registration_pending',
	confirmed: 'events_registration_confirmed',
	waitlisted: 'events_registration_waitlisted',
	cancelled: 'events_registration_cancelled',
	declined: 'events_registration_declined'
};

const QUESTION_KINDS: Record<QuestionKind, MessageKey> = {
	text: 'events_question_kind_text',
	yes_no: 'events_question_kind_yes_no'
};

export const eventTypeLabel = (type: string, locale: Locale) => label(TYPES, type, locale);
export const eventStatusLabel = (status: string, locale: Locale) => label(STATUSES, status, locale);
export const registrationStatusLabel = (status: string, locale: Locale) =>
	label(REGISTRATION_STATUSES, status, locale);
export const questionKindLabel = (kind: string, locale: Locale) => label(QUESTION_KINDS, kind, locale);
