import { and, asc, desc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import {
	organisationDescriptions,
	organisationInvitations,
	organisationRequests,
	organisationRoles,
	organisations,
	users
} from '#lib/server/db/schema/index.ts';

export type OrganisationRow = typeof organisations.$inferSelect;
export type OrganisationInsert = typeof organisations.$inferInsert;

/** The filters of a directory search; every one optional. */
export interface SearchFilters {
	/** Words as typed; each must match the profile (stemmed, accent-insensitive, or by trigram). */
	words: string[];
	district?: string;
	kind?: string;
	language?: string;
	field?: string;
	memberOnly?: boolean;
}

export type FacetName = 'district' | 'kind' | 'language' | 'field' | 'member';

/** One word matches by German full-text search or, for typos in names and places, by trigram. */
function wordMatches(word: string): SQL {
	return sql`(numnode(plainto_tsquery('german_unaccent', ${word})) = 0
		or ${organisations.searchVector} @@ plainto_tsquery('german_unaccent', ${word})
		or ${organisations.searchVector} @@ plainto_tsquery('simple_unaccent', ${word})
		or lower(unaccent(${word})) <% ${organisations.searchText})`;
}

function textCondition(words: string[]): SQL {
	if (words.length === 0) return sql`true`;
	return sql.join(words.map(wordMatches), sql` and `);
}

/** The conditions per facet, so facet counts can leave out their own facet (disjunctive facets). */
function facetConditions(f: SearchFilters): Record<FacetName, SQL> {
	return {
		district: f.district ? sql`${organisations.districtKey} = ${f.district}` : sql`true`,
		kind: f.kind ? sql`${organisations.kind} = ${f.kind}` : sql`true`,
		language: f.language ? sql`${f.language} = any(${organisations.languages})` : sql`true`,
		field: f.field ? sql`${f.field} = any(${organisations.fields})` : sql`true`,
		member: f.memberOnly ? sql`${organisations.isMember}` : sql`true`
	};
}

const PUBLISHED = sql`${organisations.status} = 'published'`;

export async function searchPublished(
	db: Db,
	filters: SearchFilters,
	options: { sort: 'relevance' | 'name'; limit: number; offset: number }
) {
	const c = facetConditions(filters);
	const where = sql.join(
		[PUBLISHED, textCondition(filters.words), c.district, c.kind, c.language, c.field, c.member],
		sql` and `
	);
	const phrase = filters.words.join(' ');
	const rank =
		filters.words.length === 0
			? sql`0`
			: sql`ts_rank(${organisations.searchVector}, plainto_tsquery('german_unaccent', ${phrase}))
				+ word_similarity(lower(unaccent(${phrase})), ${organisations.searchText})`;
	const order =
		options.sort === 'name' || filters.words.length === 0
			? [asc(organisations.name)]
			: [desc(rank), asc(organisations.name)];
	const rows = await db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			kind: organisations.kind,
			districtKey: organisations.districtKey,
			municipality: organisations.municipality,
			languages: organisations.languages,
			fields: organisations.fields,
			isMember: organisations.isMember,
			logoKey: organisations.logoKey,
			updatedAt: organisations.updatedAt
		})
		.from(organisations)
		.where(where)
		.orderBy(...order)
		.limit(options.limit)
		.offset(options.offset);
	return rows;
}

/**
 * Counts per facet value in one round trip: the text match is evaluated once, and each facet's
 * counts apply every filter except its own, so the visitor sees what choosing another value gives.
 */
export async function facetCounts(db: Db, filters: SearchFilters) {
	const c = facetConditions(filters);
	const others = (facet: FacetName) =>
		sql.join(
			(Object.keys(c) as FacetName[]).filter((f) => f !== facet).map((f) => sql`${sql.raw(`ok_${f}`)}`),
			sql` and `
		);
	const result = (await db.execute(sql`
		with m as materialized (
			select ${organisations.districtKey} as district_key, ${organisations.kind} as kind,
				${organisations.languages} as languages, ${organisations.fields} as fields,
				${organisations.isMember} as is_member,
				${c.district} as ok_district, ${c.kind} as ok_kind, ${c.language} as ok_language,
				${c.field} as ok_field, ${c.member} as ok_member
			from ${organisations}
			where ${PUBLISHED} and ${textCondition(filters.words)}
		)
		select 'district' as facet, district_key as value, count(*)::int as count from m where ${others('district')} group by district_key
		union all
		select 'kind', kind, count(*)::int from m where ${others('kind')} group by kind
		union all
		select 'language', l, count(*)::int from m, unnest(m.languages) l where ${others('language')} group by l
		union all
		select 'field', f, count(*)::int from m, unnest(m.fields) f where ${others('field')} group by f
		union all
		select 'member', 'yes', count(*)::int from m where ${others('member')} and is_member
	`)) as unknown as { rows: { facet: FacetName; value: string; count: number }[] };
	return result.rows.map((r) => ({ facet: r.facet, value: r.value, count: Number(r.count) }));
}

/**
 * Recomputes the search columns of one organisation: weighted German full-text (name, places,
 * communities, labels, German description) plus unstemmed text of the translations, and the
 * unaccented lower-case text of names and places for typo-tolerant trigram matching.
 */
export async function refreshSearch(db: DbOrTx, id: number, keywords: string, districtName: string) {
	await db.execute(sql`
		update ${organisations} o set
			search_vector =
				setweight(to_tsvector('german_unaccent', o.name), 'A')
				|| setweight(to_tsvector('german_unaccent', o.municipality || ' ' || ${districtName} || ' ' || array_to_string(o.communities, ' ')), 'B')
				|| setweight(to_tsvector('german_unaccent', ${keywords}), 'C')
				|| setweight(to_tsvector('german_unaccent', coalesce((select d.body from ${organisationDescriptions} d where d.organisation_id = o.id and d.locale = 'de'), '')), 'C')
				|| setweight(to_tsvector('simple_unaccent', coalesce((select string_agg(d.body, ' ') from ${organisationDescriptions} d where d.organisation_id = o.id and d.locale <> 'de'), '')), 'D'),
			search_text = lower(unaccent(o.name || ' ' || o.municipality || ' ' || ${districtName} || ' ' || array_to_string(o.communities, ' ')))
		where o.id = ${id}
	`);
}

export async function insertOrganisation(db: DbOrTx, values: OrganisationInsert) {
	const [row] = await db.insert(organisations).values(values).returning();
	return row!;
}

export async function updateOrganisation(db: DbOrTx, id: number, values: Partial<OrganisationInsert>) {
	const [row] = await db
		.update(organisations)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(organisations.id, id))
		.returning();
	return row;
}

export async function findOrganisation(db: DbOrTx, by: { id: number } | { slug: string }) {
	const [row] = await db
		.select()
		.from(organisations)
		.where('id' in by ? eq(organisations.id, by.id) : eq(organisations.slug, by.slug))
		.limit(1);
	return row;
}

export async function slugTaken(db: DbOrTx, slug: string) {
	const rows = await db
		.select({ id: organisations.id })
		.from(organisations)
		.where(eq(organisations.slug, slug))
		.limit(1);
	return rows.length > 0;
}

export async function descriptionsOf(db: DbOrTx, organisationId: number) {
	return db
		.select()
		.from(organisationDescriptions)
		.where(eq(organisationDescriptions.organisationId, organisationId));
}

export async function upsertDescription(db: DbOrTx, values: typeof organisationDescriptions.$inferInsert) {
	await db
		.insert(organisationDescriptions)
		.values(values)
		.onConflictDoUpdate({
			target: [organisationDescriptions.organisationId, organisationDescriptions.locale],
			set: {
				body: values.body,
				sourceRevision: values.sourceRevision,
				reviewed: values.reviewed ?? false,
				updatedAt: new Date()
			}
		});
}

export async function deleteDescription(db: DbOrTx, organisationId: number, locale: string) {
	await db
		.delete(organisationDescriptions)
		.where(
			and(
				eq(organisationDescriptions.organisationId, organisationId),
				eq(organisationDescriptions.locale, locale)
			)
		);
}

/** Organisation roles of a user, with whether the organisation is a member of the association. */
export async function rolesOfUser(db: DbOrTx, userId: number) {
	return db
		.select({
			organisationId: organisationRoles.organisationId,
			role: organisationRoles.role,
			isMember: organisations.isMember
		})
		.from(organisationRoles)
		.innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
		.where(eq(organisationRoles.userId, userId));
}

export async function organisationsOfUser(db: DbOrTx, userId: number) {
	return db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			status: organisations.status,
			role: organisationRoles.role
		})
		.from(organisationRoles)
		.innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
		.where(eq(organisationRoles.userId, userId))
		.orderBy(asc(organisations.name));
}

export async function setRole(
	db: DbOrTx,
	organisationId: number,
	userId: number,
	role: 'org_admin' | 'org_member'
) {
	await db
		.insert(organisationRoles)
		.values({ organisationId, userId, role })
		.onConflictDoUpdate({
			target: [organisationRoles.organisationId, organisationRoles.userId],
			set: { role }
		});
}

export async function removeRole(db: DbOrTx, organisationId: number, userId: number) {
	await db
		.delete(organisationRoles)
		.where(and(eq(organisationRoles.organisationId, organisationId), eq(organisationRoles.userId, userId)));
}

export async function teamOf(db: DbOrTx, organisationId: number) {
	return db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			role: organisationRoles.role,
			grantedAt: organisationRoles.grantedAt
		})
		.from(organisationRoles)
		.innerJoin(users, eq(users.id, organisationRoles.userId))
		.where(eq(organisationRoles.organisationId, organisationId))
		.orderBy(asc(users.name));
}

export async function insertInvitation(db: DbOrTx, values: typeof organisationInvitations.$inferInsert) {
	await db.insert(organisationInvitations).values(values);
}

export async function openInvitationsOf(db: DbOrTx, organisationId: number, now: Date) {
	return db
		.select()
		.from(organisationInvitations)
		.where(
			and(
				eq(organisationInvitations.organisationId, organisationId),
				isNull(organisationInvitations.acceptedAt),
				gt(organisationInvitations.expiresAt, now)
			)
		)
		.orderBy(desc(organisationInvitations.createdAt));
}

export async function findInvitation(db: DbOrTx, id: string) {
	const [row] = await db
		.select()
		.from(organisationInvitations)
		.where(eq(organisationInvitations.id, id))
		.limit(1);
	return row;
}

/** Marks an invitation used; false when it was used already (two tabs, a replayed link). */
export async function acceptInvitation(db: DbOrTx, id: string, now: Date) {
	const rows = await db
		.update(organisationInvitations)
		.set({ acceptedAt: now })
		.where(and(eq(organisationInvitations.id, id), isNull(organisationInvitations.acceptedAt)))
		.returning({ id: organisationInvitations.id });
	return rows.length === 1;
}

export async function deleteInvitation(db: DbOrTx, organisationId: number, id: string) {
	await db
		.delete(organisationInvitations)
		.where(
			and(eq(organisationInvitations.id, id), eq(organisationInvitations.organisationId, organisationId))
		);
}

export async function insertRequest(db: DbOrTx, values: typeof organisationRequests.$inferInsert) {
	const [row] = await db.insert(organisationRequests).values(values).returning();
	return row!;
}

export async function openClaimExists(db: DbOrTx, organisationId: number, userId: number) {
	const rows = await db
		.select({ id: organisationRequests.id })
		.from(organisationRequests)
		.where(
			and(
				eq(organisationRequests.organisationId, organisationId),
				eq(organisationRequests.userId, userId),
				eq(organisationRequests.status, 'open')
			)
		)
		.limit(1);
	return rows.length > 0;
}

export async function listRequests(db: DbOrTx, status: 'open' | 'decided') {
	return db
		.select({
			id: organisationRequests.id,
			kind: organisationRequests.kind,
			status: organisationRequests.status,
			wantsAdmin: organisationRequests.wantsAdmin,
			createdAt: organisationRequests.createdAt,
			decidedAt: organisationRequests.decidedAt,
			organisationId: organisations.id,
			organisationName: organisations.name,
			organisationSlug: organisations.slug,
			userName: users.name,
			userEmail: users.email
		})
		.from(organisationRequests)
		.innerJoin(organisations, eq(organisations.id, organisationRequests.organisationId))
		.leftJoin(users, eq(users.id, organisationRequests.userId))
		.where(
			status === 'open'
				? eq(organisationRequests.status, 'open')
				: sql`${organisationRequests.status} <> 'open'`
		)
		.orderBy(status === 'open' ? asc(organisationRequests.createdAt) : desc(organisationRequests.decidedAt))
		.limit(200);
}

export async function findRequest(db: DbOrTx, id: number) {
	const [row] = await db
		.select({
			request: organisationRequests,
			userName: users.name,
			userEmail: users.email,
			userLocale: users.locale
		})
		.from(organisationRequests)
		.leftJoin(users, eq(users.id, organisationRequests.userId))
		.where(eq(organisationRequests.id, id))
		.limit(1);
	return row;
}

/** Decides an open request; false when someone else decided it first. */
export async function decideRequest(
	db: DbOrTx,
	id: number,
	values: { status: 'approved' | 'rejected'; decidedBy: number; decisionNote: string; now: Date }
) {
	const rows = await db
		.update(organisationRequests)
		.set({
			status: values.status,
			decidedBy: values.decidedBy,
			decisionNote: values.decisionNote,
			decidedAt: values.now
		})
		.where(and(eq(organisationRequests.id, id), eq(organisationRequests.status, 'open')))
		.returning({ id: organisationRequests.id });
	return rows.length === 1;
}

/** Published migrant councils, for the coverage page. */
export async function publishedCouncils(db: Db) {
	return db
		.select({
			slug: organisations.slug,
			name: organisations.name,
			districtKey: organisations.districtKey,
			municipality: organisations.municipality
		})
		.from(organisations)
		.where(and(PUBLISHED, eq(organisations.kind, 'migrant_council')))
		.orderBy(asc(organisations.name));
}

export async function publishedForExport(db: Db) {
	return db.select().from(organisations).where(PUBLISHED).orderBy(asc(organisations.name));
}

export async function publishedDescriptions(db: Db) {
	return db
		.select({
			organisationId: organisationDescriptions.organisationId,
			locale: organisationDescriptions.locale,
			body: organisationDescriptions.body
		})
		.from(organisationDescriptions)
		.innerJoin(organisations, eq(organisations.id, organisationDescriptions.organisationId))
		.where(PUBLISHED);
}

export async function listAll(db: Db, options: { limit: number; offset: number; status?: string }) {
	return db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			status: organisations.status,
			kind: organisations.kind,
			districtKey: organisations.districtKey,
			isMember: organisations.isMember,
			total: sql<number>`count(*) over ()`.mapWith(Number)
		})
		.from(organisations)
		.where(options.status ? eq(organisations.status, options.status as 'published') : undefined)
		.orderBy(asc(organisations.name))
		.limit(options.limit)
		.offset(options.offset);
}

export async function countOrganisations(db: DbOrTx) {
	const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(organisations);
	return row?.n ?? 0;
}
