import {
	ACTIVITY_FIELDS,
	DIRECTORY_LANGUAGES,
	ORGANISATION_KINDS,
	isDistrictKey,
	type ActivityField,
	type DistrictKey,
	type OrganisationKind
} from './directory.ts';

/** A directory search as it appears in the URL (German parameter names, shareable, bookmarkable). */
export interface DirectoryQuery {
	q: string;
	district?: DistrictKey;
	kind?: OrganisationKind;
	language?: string;
	field?: ActivityField;
	memberOnly: boolean;
	sort: 'relevance' | 'name';
	page: number;
}

const PARAMS = {
	q: 'q',
	district: 'kreis',
	kind: 'art',
	language: 'sprache',
	field: 'bereich',
	memberOnly: 'mitglied',
	sort: 'sortierung',
	page: 'seite'
} as const;

const MAX_QUERY = 100;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
	return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads a query from the URL; unknown values are dropped rather than failing the page. */
export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
	const district = params.get(PARAMS.district);
	const page = Number(params.get(PARAMS.page));
	return {
		q: (params.get(PARAMS.q) ?? '').trim().slice(0, MAX_QUERY),
		district: isDistrictKey(district) ? district : undefined,
		kind: oneOf(ORGANISATION_KINDS, params.get(PARAMS.kind)),
		language: oneOf(DIRECTORY_LANGUAGES, params.get(PARAMS.language)),
		field: oneOf(ACTIVITY_FIELDS, params.get(PARAMS.field)),
		memberOnly: params.get(PARAMS.memberOnly) === '1',
		sort: params.get(PARAMS.sort) === 'name' ? 'name' : 'relevance',
		page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

/** The query string for `query` with `changes` applied; a changed filter starts again at page 1. */
export function directoryHref(
	query: DirectoryQuery,
	changes: Partial<DirectoryQuery> = {},
	base = ''
): string {
	const next: DirectoryQuery = { ...query, page: 1, ...changes };
	const params = new URLSearchParams();
	if (next.q) params.set(PARAMS.q, next.q);
	if (next.district) params.set(PARAMS.district, next.district);
	if (next.kind) params.set(PARAMS.kind, next.kind);
	if (next.language) params.set(PARAMS.language, next.language);
	if (next.field) params.set(PARAMS.field, next.field);
	if (next.memberOnly) params.set(PARAMS.memberOnly, '1');
	if (next.sort === 'name') params.set(PARAMS.sort, 'name');
	if (next.page > 1) params.set(PARAMS.page, String(next.page));
	const search = params.toString();
	return search ? `${base}?${search}` : base || '?';
}

/** The words of a query: at most 6, each 2–40 characters. */
export function queryWords(q: string): string[] {
	return q
		.split(/\s+/)
		.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
		.filter((w) => w.length >= 2)
		.map((w) => w.slice(0, 40))
		.slice(0, 6);
}

export const DIRECTORY_PARAMS = PARAMS;
