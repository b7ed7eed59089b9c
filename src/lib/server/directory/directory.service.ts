import { BASE_LOCALE, isLocale, type Locale } from '#lib/i18n/locales.ts';
import { fieldLabel, kindLabel } from '#lib/directory/labels.ts';
import {
	DEFAULT_VISIBILITY,
	DISTRICTS,
	districtName,
	languageName,
	visibleTo,
	type ActivityField,
	type FieldVisibility,
	type OrganisationKind,
	type Visibility
} from '#lib/directory/directory.ts';
import { queryWords, type DirectoryQuery } from '#lib/directory/query.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { NotFound } from '#lib/server/errors.ts';
import { can, profileClearance, requireAccess } from '#lib/server/policy/policy.ts';
import { translationStatus, type TranslationStatus } from '#lib/server/content/translation-status.ts';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import * as queries from './directory.queries.ts';
import { municipalitiesOf, normalizePlace } from './municipalities.ts';

export const PAGE_SIZE = 20;

export type FacetCounts = Record<'district' | 'kind' | 'language' | 'field', Record<string, number>> & {
	member: number;
};

export interface DirectoryItem {
	slug: string;
	name: string;
	kind: OrganisationKind;
	districtKey: string;
	municipality: string;
	languages: string[];
	fields: string[];
	isMember: boolean;
	logoUrl: string | null;
}

export interface DirectoryResult {
	items: DirectoryItem[];
	total: number;
	pageCount: number;
	facets: FacetCounts;
}

export function logoUrl(logoKey: string | null): string | null {
	return logoKey ? `/verzeichnis/logo/${logoKey.replace(/^logos\//, '')}` : null;
}

async function toFilters(db: Db, query: DirectoryQuery): Promise<queries.SearchFilters> {
	return {
		words: await queries.prepareWords(db, queryWords(query.q)),
		district: query.district,
		kind: query.kind,
		language: query.language,
		field: query.field,
		memberOnly: query.memberOnly
	};
}

/** The public directory: matching published profiles, one page of them, and counts per facet. */
export async function searchDirectory(ctx: ServiceContext, query: DirectoryQuery): Promise<DirectoryResult> {
	requireAccess(ctx.actor, 'directory.read');
	const filters = await toFilters(ctx.db, query);
	const [found, counts] = await Promise.all([
		queries.searchPublished(ctx.db, filters, {
			sort: query.sort,
			limit: PAGE_SIZE,
			offset: (query.page - 1) * PAGE_SIZE
		}),
		queries.facetCounts(ctx.db, filters)
	]);
	const facets: FacetCounts = { district: {}, kind: {}, language: {}, field: {}, member: 0 };
	for (const { facet, value, count } of counts) {
		if (facet === 'member') facets.member = count;
		else facets[facet][value] = count;
	}
	// Every profile has exactly one kind, so the kind counts (which apply all other filters) add up
	// to the number of matches; no second count query is needed.
	const total = query.kind
		? (facets.kind[query.kind] ?? 0)
		: Object.values(facets.kind).reduce((a, b) => a + b, 0);
	return {
		items: found.map((r) => ({
			slug: r.slug,
			name: r.name,
			kind: r.kind,
			districtKey: r.districtKey,
			municipality: r.municipality,
			languages: r.languages,
			fields: r.fields,
			isMember: r.isMember,
			logoUrl: logoUrl(r.logoKey)
		})),
		total,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		facets
	};
}

export interface ProfileView {
	id: number;
	slug: string;
	name: string;
	kind: OrganisationKind;
	status: 'pending' | 'published' | 'rejected';
	legalForm: string | null;
	districtKey: string;
	municipality: string;
	languages: string[];
	communities: string[];
	fields: ActivityField[];
	isMember: boolean;
	logoUrl: string | null;
	description: { text: string; locale: Locale; status: TranslationStatus; reviewed: boolean } | null;
	/** Fields the viewer may see; absent (undefined) when hidden from them, '' when not filled in. */
	address?: { street: string; postalCode: string; municipality: string };
	phone?: string;
	email?: string;
	website?: string;
	contactPerson?: string;
	register?: { court: string; number: string };
	foundingYear?: number | null;
	clearance: Visibility;
	visibility: FieldVisibility;
	canEdit: boolean;
	updatedAt: Date;
}

/** A profile as this viewer may see it: hidden fields are not in the result at all. */
export async function getProfile(ctx: ServiceContext, slug: string, locale: Locale): Promise<ProfileView> {
	requireAccess(ctx.actor, 'directory.read');
	const org = await queries.findOrganisation(ctx.db, { slug });
	if (!org) throw new NotFound(`organisation ${slug}`);
	const canEdit = can(ctx.actor, 'organisation.edit', { organisationId: org.id });
	// Profiles under review are visible only to whoever proposed them and those who edit or review them.
	const proposer = ctx.actor.userId !== null && org.createdBy === ctx.actor.userId;
	if (org.status !== 'published' && !canEdit && !proposer && !can(ctx.actor, 'directory.review')) {
		throw new NotFound(`organisation ${slug}`);
	}
	const clearance = profileClearance(ctx.actor, org.id);
	const visibility = { ...DEFAULT_VISIBILITY, ...org.visibility };
	const shows = (field: keyof FieldVisibility) => visibleTo(clearance, visibility[field]);
	const descriptions = await queries.descriptionsOf(ctx.db, org.id);
	return {
		id: org.id,
		slug: org.slug,
		name: org.name,
		kind: org.kind,
		status: org.status,
		legalForm: org.legalForm,
		districtKey: org.districtKey,
		municipality: org.municipality,
		languages: org.languages,
		communities: org.communities,
		fields: org.fields as ActivityField[],
		isMember: org.isMember,
		logoUrl: logoUrl(org.logoKey),
		description: pickDescription(descriptions, org.sourceRevision, locale),
		...(shows('address') && {
			address: { street: org.street, postalCode: org.postalCode, municipality: org.municipality }
		}),
		...(shows('phone') && { phone: org.phone }),
		...(shows('email') && { email: org.email }),
		...(shows('website') && { website: org.website }),
		...(shows('contactPerson') && { contactPerson: org.contactPerson }),
		...(shows('register') && {
			register: { court: org.registerCourt ?? '', number: org.registerNumber ?? '' }
		}),
		...(shows('foundingYear') && { foundingYear: org.foundingYear }),
		clearance,
		visibility,
		canEdit,
		updatedAt: org.updatedAt
	};
}

function pickDescription(
	rows: { locale: string; body: string; sourceRevision: number; reviewed: boolean }[],
	sourceRevision: number,
	locale: Locale
): ProfileView['description'] {
	const byLocale = new Map(rows.filter((r) => isLocale(r.locale) && r.body.trim()).map((r) => [r.locale, r]));
	const requested = byLocale.get(locale);
	const shown = requested ?? byLocale.get(BASE_LOCALE);
	if (!shown) return null;
	return {
		text: shown.body,
		locale: shown.locale as Locale,
		status: locale === BASE_LOCALE ? 'current' : translationStatus(sourceRevision, requested),
		reviewed: shown.locale === BASE_LOCALE || shown.reviewed
	};
}

/** The German labels of kind, fields and languages, so "Bildung" or "Ukrainisch" finds a profile. */
export function searchKeywords(org: { kind: string; fields: string[]; languages: string[] }): string {
	const de = BASE_LOCALE;
	return [
		kindLabel(org.kind, de),
		...org.fields.map((f) => fieldLabel(f, de)),
		...org.languages.map((l) => languageName(l, 'de'))
	].join(' ');
}

export async function refreshSearchOf(db: DbOrTx, org: queries.OrganisationRow) {
	await queries.refreshSearch(db, org.id, searchKeywords(org), districtName(org.districtKey));
}

export interface CoverageDistrict {
	key: string;
	name: string;
	councils: { slug: string; name: string; municipality: string }[];
	/** Municipalities of the district with at least one council. */
	covered: string[];
	/** Municipalities of the district without a council. */
	uncovered: string[];
}

/** Where migrant councils exist, per district and municipality, and where none exists yet. */
export async function councilCoverage(ctx: ServiceContext): Promise<CoverageDistrict[]> {
	requireAccess(ctx.actor, 'directory.read');
	const councils = await queries.publishedCouncils(ctx.db);
	return DISTRICTS.map((d) => {
		const here = councils.filter((c) => c.districtKey === d.key);
		const withCouncil = new Set(here.map((c) => normalizePlace(c.municipality)));
		const names = municipalitiesOf(d.key);
		return {
			key: d.key,
			name: d.name,
			councils: here.map(({ slug, name, municipality }) => ({ slug, name, municipality })),
			covered: names.filter((n) => withCouncil.has(normalizePlace(n))),
			uncovered: names.filter((n) => !withCouncil.has(normalizePlace(n)))
		};
	});
}

export interface ExportRecord {
	name: string;
	url: string;
	kind: string;
	district_key: string;
	district: string;
	municipality: string;
	languages: string;
	communities: string;
	fields: string;
	member: boolean;
	street: string;
	postal_code: string;
	phone: string;
	email: string;
	website: string;
	founding_year: number | null;
	legal_form: string;
	register_court: string;
	register_number: string;
	description_de: string;
	updated_at: string;
}

/** Open data: every published profile with exactly the fields its organisation made public. */
export async function exportPublic(ctx: ServiceContext, origin: string): Promise<ExportRecord[]> {
	requireAccess(ctx.actor, 'directory.read');
	const [rows, descriptions] = await Promise.all([
		queries.publishedForExport(ctx.db),
		queries.publishedDescriptions(ctx.db)
	]);
	const german = new Map(
		descriptions.filter((d) => d.locale === BASE_LOCALE).map((d) => [d.organisationId, d.body])
	);
	return rows.map((o) => {
		const v = { ...DEFAULT_VISIBILITY, ...o.visibility };
		const pub = (field: keyof FieldVisibility) => v[field] === 'public';
		return {
			name: o.name,
			url: `${origin}/verzeichnis/${o.slug}`,
			kind: o.kind,
			district_key: o.districtKey,
			district: districtName(o.districtKey),
			municipality: o.municipality,
			languages: o.languages.join(' '),
			communities: o.communities.join('; '),
			fields: o.fields.join(' '),
			member: o.isMember,
			street: pub('address') ? o.street : '',
			postal_code: pub('address') ? o.postalCode : '',
			phone: pub('phone') ? o.phone : '',
			email: pub('email') ? o.email : '',
			website: pub('website') ? o.website : '',
			founding_year: pub('foundingYear') ? o.foundingYear : null,
			legal_form: o.legalForm ?? '',
			register_court: pub('register') ? (o.registerCourt ?? '') : '',
			register_number: pub('register') ? (o.registerNumber ?? '') : '',
			description_de: german.get(o.id) ?? '',
			updated_at: o.updatedAt.toISOString()
		};
	});
}
