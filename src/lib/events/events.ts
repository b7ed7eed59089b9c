/**
 * The events vocabulary, shared by server and pages. Labels live in the message catalogs
 * (`events_type_<type>`, `events_status_<status>`, `events_registration_<status>`).
 */

export const EVENT_TYPES = ['event', 'training', 'encounter', 'online_seminar', 'general_assembly'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** draft → pending (an organisation's event awaiting an editor) → published; cancelled is final. */
export const EVENT_STATUSES = ['draft', 'pending', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'declined'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Registrations that hold a place or a place in the queue. */
export const ACTIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = [
	'pending',
	'confirmed',
	'waitlisted'
];

export const QUESTION_KINDS = ['text', 'yes_no'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** An extra question of the registration form, written by the organiser. */
export interface EventQuestion {
	id: string;
	label: string;
	kind: QuestionKind;
	required: boolean;
}

export const MAX_QUESTIONS = 3;

/** Only trainings issue participation certificates. */
export const CERTIFICATE_TYPES: readonly EventType[] = ['training'];
