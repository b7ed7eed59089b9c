import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	applicationApprovals,
	applicationMessages,
	dues,
	membershipApplications,
	membershipEvents,
	membershipImports,
	memberships,
	organisations,
	users
} from '#lib/server/db/schema/index.ts';

export type ApplicationRow = typeof membershipApplications.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

export async function insertApplication(db: DbOrTx, values: typeof membershipApplications.$inferInsert) {
	const [row] = await db.insert(membershipApplications).values(values).returning();
	return row!;
}

export async function updateApplication(
	db: DbOrTx,
	id: number,
	values: Partial<typeof membershipApplications.$inferInsert>
) {
	await db.update(membershipApplications).set(values).where(eq(membershipApplications.id, id));
}

export async function findApplication(db: DbOrTx, id: number) {
	const [row] = await db
		.select()
		.from(membershipApplications)
		.where(eq(membershipApplications.id, id))
		.limit(1);
	return row;
}

export async function listApplications(db: DbOrTx, open: boolean) {
	return db
		.select({
			id: membershipApplications.id,
			form: membershipApplications.form,
			name: membershipApplications.name,
			status: membershipApplications.status,
			createdAt: membershipApplications.createdAt,
			approvals:
				sql<number>`(select count(*) from ${applicationApprovals} a where a.application_id = ${membershipApplications.id})`.mapWith(
					Number
				)
		})
		.from(membershipApplications)
		.where(
			open
				? sql`${membershipApplications.status} in ('submitted', 'question')`
				: sql`${membershipApplications.status} in ('approved', 'rejected')`
		)
		.orderBy(open ? asc(membershipApplications.createdAt) : desc(membershipApplications.decidedAt))
		.limit(200);
}

export async function approvalsOf(db: DbOrTx, applicationId: number) {
	return db
		.select({ userId: applicationApprovals.userId, name: users.name, at: applicationApprovals.at })
		.from(applicationApprovals)
		.leftJoin(users, eq(users.id, applicationApprovals.userId))
		.where(eq(applicationApprovals.applicationId, applicationId))
		.orderBy(asc(applicationApprovals.at));
}

/** Records one board member's approval; false when this person had approved already. */
export async function addApproval(db: DbOrTx, applicationId: number, userId: number) {
	const rows = await db
		.insert(applicationApprovals)
		.values({ applicationId, userId })
		.onConflictDoNothing()
		.returning({ userId: applicationApprovals.userId });
	return rows.length === 1;
}

export async function messagesOf(db: DbOrTx, applicationId: number) {
	return db
		.select({
			id: applicationMessages.id,
			author: applicationMessages.author,
			body: applicationMessages.body,
			createdAt: applicationMessages.createdAt,
			userName: users.name
		})
		.from(applicationMessages)
		.leftJoin(users, eq(users.id, applicationMessages.userId))
		.where(eq(applicationMessages.applicationId, applicationId))
		.orderBy(asc(applicationMessages.createdAt), asc(applicationMessages.id));
}

export async function insertMessage(db: DbOrTx, values: typeof applicationMessages.$inferInsert) {
	await db.insert(applicationMessages).values(values);
}

/** The next running number of the year; the unique index catches a race, the caller retries. */
export async function nextSequence(db: DbOrTx, year: number) {
	const [row] = await db
		.select({ max: sql<number>`coalesce(max(${memberships.sequence}), 0)`.mapWith(Number) })
		.from(memberships)
		.where(eq(memberships.year, year));
	return (row?.max ?? 0) + 1;
}

export async function insertMembership(db: DbOrTx, values: typeof memberships.$inferInsert) {
	const [row] = await db.insert(memberships).values(values).returning();
	return row!;
}

export async function updateMembership(
	db: DbOrTx,
	id: number,
	values: Partial<typeof memberships.$inferInsert>
) {
	await db.update(memberships).set(values).where(eq(memberships.id, id));
}

export async function insertEvent(db: DbOrTx, values: typeof membershipEvents.$inferInsert) {
	await db.insert(membershipEvents).values(values);
}

export async function findMembership(db: DbOrTx, id: number) {
	const [row] = await db.select().from(memberships).where(eq(memberships.id, id)).limit(1);
	return row;
}

export async function eventsOf(db: DbOrTx, membershipId: number) {
	return db
		.select({
			kind: membershipEvents.kind,
			note: membershipEvents.note,
			at: membershipEvents.at,
			actorName: users.name
		})
		.from(membershipEvents)
		.leftJoin(users, eq(users.id, membershipEvents.actorId))
		.where(eq(membershipEvents.membershipId, membershipId))
		.orderBy(asc(membershipEvents.at), asc(membershipEvents.id));
}

export interface RegisterFilters {
	form?: string;
	status?: string;
	search?: string;
	district?: string;
	/** The dues of `year`: open (any), overdue (open and past due), paid, none (no dues that year). */
	dues?: 'open' | 'overdue' | 'paid' | 'none';
	year?: number;
	sort?: 'number' | 'name' | 'since';
}

/** The member's district: its directory profile's, else the one given in the application. */
const districtOf = sql<string | null>`coalesce(
	(select o.district_key from ${organisations} o where o.id = ${memberships.organisationId}),
	(select a.district_key from ${membershipApplications} a where a.id = ${memberships.applicationId}))`;

export async function listMemberships(
	db: DbOrTx,
	filters: RegisterFilters,
	page: { limit: number; offset: number }
) {
	const conditions: SQL[] = [];
	if (filters.form) conditions.push(eq(memberships.form, filters.form as 'ordinary'));
	if (filters.status) conditions.push(eq(memberships.status, filters.status as 'active'));
	if (filters.search) {
		const like = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(or(ilike(memberships.name, like), ilike(memberships.number, like))!);
	}
	if (filters.district) conditions.push(sql`${districtOf} = ${filters.district}`);
	const year = filters.year ?? new Date().getFullYear();
	const duesOfYear = (extra: SQL) =>
		sql`exists (select 1 from ${dues} d where d.membership_id = ${memberships.id} and d.year = ${year} and ${extra})`;
	if (filters.dues === 'open') conditions.push(duesOfYear(sql`d.status = 'open'`));
	if (filters.dues === 'overdue')
		conditions.push(duesOfYear(sql`d.status = 'open' and d.due_on < current_date`));
	if (filters.dues === 'paid') conditions.push(duesOfYear(sql`d.status = 'paid'`));
	if (filters.dues === 'none') conditions.push(sql`not ${duesOfYear(sql`true`)}`);
	const order =
		filters.sort === 'name'
			? [asc(memberships.name)]
			: filters.sort === 'since'
				? [desc(memberships.startedOn), asc(memberships.name)]
				: [asc(memberships.year), asc(memberships.sequence)];
	return db
		.select({
			id: memberships.id,
			number: memberships.number,
			name: memberships.name,
			form: memberships.form,
			status: memberships.status,
			startedOn: memberships.startedOn,
			districtKey: districtOf,
			duesStatus: sql<
				string | null
			>`(select d.status from ${dues} d where d.membership_id = ${memberships.id} and d.year = ${year})`,
			total: sql<number>`count(*) over ()`.mapWith(Number)
		})
		.from(memberships)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(...order)
		.limit(page.limit)
		.offset(page.offset);
}

/** Closes an open application; false when it was decided already (two board members at once). */
export async function closeApplication(
	db: DbOrTx,
	id: number,
	values: { status: 'approved' | 'rejected'; resolutionRef?: string | null; rejectionReason?: string }
) {
	const rows = await db
		.update(membershipApplications)
		.set({ ...values, decidedAt: new Date() })
		.where(
			and(
				eq(membershipApplications.id, id),
				sql`${membershipApplications.status} in ('submitted', 'question')`
			)
		)
		.returning({ id: membershipApplications.id });
	return rows.length === 1;
}

export async function allMemberships(db: DbOrTx) {
	return db.select().from(memberships).orderBy(asc(memberships.year), asc(memberships.sequence));
}

/** Memberships of a person (by email) or of the given organisations, not anonymised. */
export async function membershipsOf(db: DbOrTx, email: string, organisationIds: number[]) {
	const byOrganisation = organisationIds.length
		? inArray(memberships.organisationId, organisationIds)
		: undefined;
	return db
		.select()
		.from(memberships)
		.where(
			and(
				isNull(memberships.anonymisedAt),
				byOrganisation ? or(eq(memberships.email, email), byOrganisation) : eq(memberships.email, email)
			)
		)
		.orderBy(asc(memberships.startedOn));
}

export async function duesOf(db: DbOrTx, membershipId: number) {
	return db.select().from(dues).where(eq(dues.membershipId, membershipId)).orderBy(desc(dues.year));
}

export async function insertImport(db: DbOrTx, values: typeof membershipImports.$inferInsert) {
	const [row] = await db.insert(membershipImports).values(values).returning();
	return row!;
}

export async function findImport(db: DbOrTx, id: number) {
	const [row] = await db.select().from(membershipImports).where(eq(membershipImports.id, id)).limit(1);
	return row;
}

export async function importOfFile(db: DbOrTx, fileKey: string) {
	const [row] = await db
		.select()
		.from(membershipImports)
		.where(eq(membershipImports.fileKey, fileKey))
		.limit(1);
	return row;
}

export async function updateImport(
	db: DbOrTx,
	id: number,
	values: Partial<typeof membershipImports.$inferInsert>
) {
	await db.update(membershipImports).set(values).where(eq(membershipImports.id, id));
}

export async function countOpenApplications(db: DbOrTx) {
	const [row] = await db
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(membershipApplications)
		.where(sql`${membershipApplications.status} in ('submitted', 'question')`);
	return row?.n ?? 0;
}
