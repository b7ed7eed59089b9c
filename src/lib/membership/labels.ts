import { labelOf as label, type MessageKey } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';

// Spelled out so the compiler and the catalog test see every key.
const FORMS: Record<string, MessageKey> = {
	ordinary: 'membership_form_ordinary',
	supporting: 'membership_form_supporting',
	honorary: 'membership_form_honorary'
};
const APPLICATION_STATUSES: Record<string, MessageKey> = {
	submitted: 'membership_status_submitted',
	question: 'membership_status_question',
	approved: 'membership_status_approved',
	rejected: 'membership_status_rejected'
};
const MEMBERSHIP_STATUSES: Record<string, MessageKey> = {
	active: 'membership_state_active',
	suspended: 'membership_state_suspended',
	ended: 'membership_state_ended'
};
const END_REASONS: Record<string, MessageKey> = {
	resignation: 'membership_end_resignation',
	exclusion: 'membership_end_exclusion',
	dissolution: 'membership_end_dissolution',
	death: 'membership_end_death'
};
const EVENTS: Record<string, MessageKey> = {
	applied: 'membership_event_applied',
	approved: 'membership_event_approved',
	nominated: 'membership_event_nominated',
	suspended: 'membership_event_suspended',
	resumed: 'membership_event_resumed',
	ended: 'membership_event_ended'
};

const DUES_STATUSES: Record<string, MessageKey> = {
	open: 'dues_status_open',
	paid: 'dues_status_paid',
	waived: 'dues_status_waived'
};

export const membershipFormLabel = (form: string, locale: Locale) => label(FORMS, form, locale);
export const applicationStatusLabel = (status: string, locale: Locale) =>
	label(APPLICATION_STATUSES, status, locale);
export const membershipStatusLabel = (status: string, locale: Locale) =>
	label(MEMBERSHIP_STATUSES, status, locale);
export const endReasonLabel = (reason: string, locale: Locale) => label(END_REASONS, reason, locale);
export const membershipEventLabel = (kind: string, locale: Locale) => label(EVENTS, kind, locale);
export const duesStatusLabel = (status: string, locale: Locale) => label(DUES_STATUSES, status, locale);
