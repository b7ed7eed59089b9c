import { labelOf as label, type MessageKey } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { ActivityField, LegalForm, OrganisationKind, Visibility, VisibleField } from './directory.ts';

// Spelled out (not built from strings) so the compiler and the catalog test see every key.
const KINDS: Record<OrganisationKind, MessageKey> = {
	migrant_organisation: 'directory_kind_migrant_organisation',
	migrant_council: 'directory_kind_migrant_council',
	counselling_service: 'directory_kind_counselling_service',
	initiative: 'directory_kind_initiative',
	authority: 'directory_kind_authority',
	other: 'directory_kind_other'
};

const FIELDS: Record<ActivityField, MessageKey> = {
	education: 'directory_field_education',
	work: 'directory_field_work',
	language: 'directory_field_language',
	culture: 'directory_field_culture',
	sport: 'directory_field_sport',
	women: 'directory_field_women',
	youth: 'directory_field_youth',
	family: 'directory_field_family',
	counselling: 'directory_field_counselling',
	health: 'directory_field_health',
	law: 'directory_field_law',
	religion: 'directory_field_religion',
	anti_discrimination: 'directory_field_anti_discrimination',
	participation: 'directory_field_participation'
};

const LEGAL_FORMS: Record<LegalForm, MessageKey> = {
	ev: 'directory_legal_form_ev',
	ggmbh: 'directory_legal_form_ggmbh',
	gug: 'directory_legal_form_gug',
	foundation: 'directory_legal_form_foundation',
	eg: 'directory_legal_form_eg',
	other: 'directory_legal_form_other'
};

const VISIBILITY: Record<Visibility, MessageKey> = {
	public: 'directory_visibility_public',
	members: 'directory_visibility_members',
	board: 'directory_visibility_board'
};

const VISIBLE_FIELDS: Record<VisibleField, MessageKey> = {
	address: 'directory_visible_address',
	phone: 'directory_visible_phone',
	email: 'directory_visible_email',
	website: 'directory_visible_website',
	contactPerson: 'directory_visible_contact_person',
	register: 'directory_visible_register',
	foundingYear: 'directory_visible_founding_year'
};

const STATUSES: Record<string, MessageKey> = {
	pending: 'directory_status_pending',
	published: 'directory_status_published',
	rejected: 'directory_status_rejected'
};

const TRANSLATION_STATUSES: Record<string, MessageKey> = {
	current: 'directory_translation_current',
	outdated: 'directory_translation_outdated',
	missing: 'directory_translation_missing'
};

export const kindLabel = (kind: string, locale: Locale) => label(KINDS, kind, locale);
export const fieldLabel = (field: string, locale: Locale) => label(FIELDS, field, locale);
export const legalFormLabel = (form: string, locale: Locale) => label(LEGAL_FORMS, form, locale);
export const visibilityLabel = (level: string, locale: Locale) => label(VISIBILITY, level, locale);
export const visibleFieldLabel = (field: string, locale: Locale) => label(VISIBLE_FIELDS, field, locale);
export const statusLabel = (status: string, locale: Locale) => label(STATUSES, status, locale);
export const translationStatusLabel = (status: string, locale: Locale) =>
	label(TRANSLATION_STATUSES, status, locale);
