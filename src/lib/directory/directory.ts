/**
 * The directory's vocabulary, shared by server and pages: kinds of actors, fields of activity,
 * legal forms, Saxony's districts and the per-field visibility levels. Labels live in the message
 * catalogs (`directory_kind_<kind>`, `directory_field_<field>` …); language names come from Intl.
 */

export const ORGANISATION_KINDS = [
	'migrant_organisation',
	'migrant_council',
	'counselling_service',
	'initiative',
	'authority',
	'other'
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ACTIVITY_FIELDS = [
	'education',
	'work',
	'language',
	'culture',
	'sport',
	'women',
	'youth',
	'family',
	'counselling',
	'health',
	'law',
	'religion',
	'anti_discrimination',
	'participation'
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

export const LEGAL_FORMS = ['ev', 'ggmbh', 'gug', 'foundation', 'eg', 'other'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Saxony's 13 districts (Kreise and kreisfreie Städte) with their official keys. */
export const DISTRICTS = [
	{ key: '14511', name: 'Chemnitz' },
	{ key: '14521', name: 'Erzgebirgskreis' },
	{ key: '14522', name: 'Mittelsachsen' },
	{ key: '14523', name: 'Vogtlandkreis' },
	{ key: '14524', name: 'Zwickau' },
	{ key: '14612', name: 'Dresden' },
	{ key: '14625', name: 'Bautzen' },
	{ key: '14626', name: 'Görlitz' },
	{ key: '14627', name: 'Meißen' },
	{ key: '14628', name: 'Sächsische Schweiz-Osterzgebirge' },
	{ key: '14713', name: 'Leipzig' },
	{ key: '14729', name: 'Landkreis Leipzig' },
	{ key: '14730', name: 'Nordsachsen' }
] as const;
export type DistrictKey = (typeof DISTRICTS)[number]['key'];
export const DISTRICT_KEYS: readonly DistrictKey[] = DISTRICTS.map((d) => d.key);

export function districtName(key: string): string {
	return DISTRICTS.find((d) => d.key === key)?.name ?? key;
}

export function isDistrictKey(value: unknown): value is DistrictKey {
	return typeof value === 'string' && (DISTRICT_KEYS as readonly string[]).includes(value);
}

/** Who may see a field: everyone, members of the association (and the organisation), or only the board. */
export const VISIBILITY_LEVELS = ['public', 'members', 'board'] as const;
export type Visibility = (typeof VISIBILITY_LEVELS)[number];

/** The fields whose visibility an organisation chooses. Everything else in a profile is public. */
export const VISIBLE_FIELDS = [
	'address',
	'phone',
	'email',
	'website',
	'contactPerson',
	'register',
	'foundingYear'
] as const;
export type VisibleField = (typeof VISIBLE_FIELDS)[number];
export type FieldVisibility = Record<VisibleField, Visibility>;

/** Privacy-friendly defaults: addresses, phone numbers and contact persons are not public. */
export const DEFAULT_VISIBILITY: FieldVisibility = {
	address: 'members',
	phone: 'members',
	email: 'public',
	website: 'public',
	contactPerson: 'members',
	register: 'public',
	foundingYear: 'public'
};

const RANK: Record<Visibility, number> = { public: 0, members: 1, board: 2 };

/** Whether a viewer with clearance `viewer` may see a field marked `field`. */
export function visibleTo(viewer: Visibility, field: Visibility): boolean {
	return RANK[viewer] >= RANK[field];
}

/** Languages offered in profiles and filters (ISO 639-1); names come from Intl.DisplayNames. */
export const DIRECTORY_LANGUAGES = [
	'de',
	'en',
	'ar',
	'fa',
	'uk',
	'ru',
	'pl',
	'vi',
	'tr',
	'ku',
	'ps',
	'ti',
	'so',
	'fr',
	'es',
	'pt',
	'it',
	'ro',
	'bg',
	'cs',
	'hu',
	'sq',
	'sr',
	'hr',
	'bs',
	'el',
	'ka',
	'hy',
	'az',
	'zh',
	'hi',
	'ur',
	'bn',
	'ta',
	'am',
	'sw',
	'ha',
	'yo',
	'ln',
	'he',
	'ja',
	'ko',
	'th',
	'id',
	'tl',
	'lt',
	'lv',
	'et',
	'sk',
	'sl',
	'be',
	'kk',
	'uz',
	'tk',
	'ky',
	'tg',
	'mn',
	'ne',
	'si',
	'ro',
	'nl'
].filter((code, i, all) => all.indexOf(code) === i);

export function languageName(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** The directory's languages with their names in `locale`, alphabetically, for pickers and filters. */
export function sortedLanguages(locale: string): { code: string; name: string }[] {
	return DIRECTORY_LANGUAGES.map((code) => ({ code, name: languageName(code, locale) })).sort((a, b) =>
		a.name.localeCompare(b.name, locale)
	);
}
