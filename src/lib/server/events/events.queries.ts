import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { eventRegistrations, eventTranslations, events, organisations } from '#lib/server/db/schema/index.ts';
import type { EventType, RegistrationStatus } from '#lib/events/events.ts';

export type EventRow = typeof events.$inferSelect;
export type EventInsert = typeof events.$inferInsert;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

export async function insertEvent(db: DbOrTx, values: EventInsert) {
	const [row] = await db.insert(events).values(values).returning();
	return row!;
}

export async function updateEvent(db: DbOrTx, id: number, values: Partial<EventInsert>) {
	const [row] = await db
		.update(events)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(events.id, id))
		.returning();
	return row;
}

const organiserColumns = {
	organiserName: organisations.name,
	organiserSlug: organisations.slug,
	organiserTrusted: organisations.eventsTrusted
};

export async function findEvent(db: DbOrTx, id: number) {
	const [row] = await db
		.select({ event: events, ...organiserColumns })
		.from(events)
		.leftJoin(organisations, eq(organisations.id, events.organisationId))
		.where(eq(events.id, id));
	return row;
}

/** Locks the event row: registrations for one event are decided one at a time. */
export async function lockEvent(db: DbOrTx, id: number) {
	const [row] = await db.select().from(events).where(eq(events.id, id)).for('update');
	return row;
}

export async function deleteEvent(db: DbOrTx, id: number) {
	await db.delete(events).where(eq(events.id, id));
}

export interface CalendarFilters {
	districtKey?: string;
	type?: EventType;
	language?: string;
	/** An organisation's slug, or 'verband' for the association's own events. */
	organiser?: string;
	from?: Date;
	to?: Date;
	past?: boolean;
}

function calendarWhere(filters: CalendarFilters, now: Date): SQL {
	const conditions: (SQL | undefined)[] = [inArray(events.status, ['published', 'cancelled'])];
	if (filters.districtKey) conditions.push(eq(events.districtKey, filters.districtKey));
	if (filters.type) conditions.push(eq(events.type, filters.type));
	if (filters.language) conditions.push(sql`${filters.language} = any(${events.languages})`);
	if (filters.organiser === 'verband') conditions.push(isNull(events.organisationId));
	else if (filters.organiser) conditions.push(eq(organisations.slug, filters.organiser));
	if (filters.past) conditions.push(lt(events.endsAt, now));
	else conditions.push(gte(events.endsAt, now));
	// An event belongs to a period when it overlaps it.
	if (filters.from) conditions.push(gte(events.endsAt, filters.from));
	if (filters.to) conditions.push(lt(events.startsAt, filters.to));
	return and(...conditions)!;
}

export async function listCalendar(
	db: DbOrTx,
	filters: CalendarFilters,
	locale: string,
	options: { now: Date; limit: number; offset: number }
) {
	const where = calendarWhere(filters, options.now);
	const rows = await db
		.select({
			event: events,
			...organiserColumns,
			translatedTitle: eventTranslations.title,
			translatedDescription: eventTranslations.description,
			confirmed: sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'confirmed')`
		})
		.from(events)
		.leftJoin(organisations, eq(organisations.id, events.organisationId))
		.leftJoin(
			eventTranslations,
			and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, locale))
		)
		.where(where)
		.orderBy(filters.past ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
		.limit(options.limit)
		.offset(options.offset);
	const [count] = await db
		.select({ total: sql<number>`count(*)::int` })
		.from(events)
		.leftJoin(organisations, eq(organisations.id, events.organisationId))
		.where(where);
	return { rows, total: count?.total ?? 0 };
}

/** Organisers that have published events (for the filter). */
export async function calendarOrganisers(db: DbOrTx) {
	return db
		.selectDistinct({ slug: organisations.slug, name: organisations.name })
		.from(events)
		.innerJoin(organisations, eq(organisations.id, events.organisationId))
		.where(inArray(events.status, ['published', 'cancelled']))
		.orderBy(asc(organisations.name));
}

export async function translationsOf(db: DbOrTx, eventId: number) {
	return db.select().from(eventTranslations).where(eq(eventTranslations.eventId, eventId));
}

export async function upsertTranslation(db: DbOrTx, values: typeof eventTranslations.$inferInsert) {
	await db
		.insert(eventTranslations)
		.values(values)
		.onConflictDoUpdate({
			target: [eventTranslations.eventId, eventTranslations.locale],
			set: {
				title: values.title,
				description: values.description,
				imageAlt: values.imageAlt,
				sourceRevision: values.sourceRevision,
				reviewed: values.reviewed,
				updatedAt: new Date()
			}
		});
}

/** Events someone may manage: those of the given organisations, and all when `all`. */
export async function listManaged(db: DbOrTx, organisationIds: number[], all: boolean) {
	const where = all
		? undefined
		: organisationIds.length
			? inArray(events.organisationId, organisationIds)
			: sql`false`;
	return db
		.select({ event: events, ...organiserColumns })
		.from(events)
		.leftJoin(organisations, eq(organisations.id, events.organisationId))
		.where(where)
		.orderBy(desc(events.startsAt))
		.limit(500);
}

export async function listByStatus(db: DbOrTx, status: 'pending') {
	return db
		.select({ event: events, ...organiserColumns })
		.from(events)
		.leftJoin(organisations, eq(organisations.id, events.organisationId))
		.where(eq(events.status, status))
		.orderBy(asc(events.startsAt));
}

export async function countPending(db: DbOrTx) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(events)
		.where(eq(events.status, 'pending'));
	return row?.n ?? 0;
}

export async function setTrusted(db: DbOrTx, organisationId: number, trusted: boolean) {
	await db.update(organisations).set({ eventsTrusted: trusted }).where(eq(organisations.id, organisationId));
}

/** Organisations that have events, with their trust flag (editors' overview). */
export async function organisersWithEvents(db: DbOrTx) {
	return db
		.selectDistinct({ id: organisations.id, name: organisations.name, trusted: organisations.eventsTrusted })
		.from(organisations)
		.innerJoin(events, eq(events.organisationId, organisations.id))
		.orderBy(asc(organisations.name));
}

// Registrations

export async function insertRegistration(db: DbOrTx, values: typeof eventRegistrations.$inferInsert) {
	const [row] = await db.insert(eventRegistrations).values(values).returning();
	return row!;
}

export async function findRegistration(db: DbOrTx, id: number) {
	const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
	return row;
}

export async function findActiveRegistration(db: DbOrTx, eventId: number, email: string) {
	const [row] = await db
		.select()
		.from(eventRegistrations)
		.where(
			and(
				eq(eventRegistrations.eventId, eventId),
				sql`lower(${eventRegistrations.email}) = lower(${email})`,
				inArray(eventRegistrations.status, ['pending', 'confirmed', 'waitlisted'])
			)
		);
	return row;
}

export async function activeRegistrationOfUser(db: DbOrTx, eventId: number, userId: number) {
	const [row] = await db
		.select()
		.from(eventRegistrations)
		.where(
			and(
				eq(eventRegistrations.eventId, eventId),
				eq(eventRegistrations.userId, userId),
				inArray(eventRegistrations.status, ['pending', 'confirmed', 'waitlisted'])
			)
		);
	return row;
}

export async function countConfirmed(db: DbOrTx, eventId: number) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')));
	return row?.n ?? 0;
}

/** The waitlist in order (first come, first promoted). */
export async function waitlistOf(db: DbOrTx, eventId: number) {
	return db
		.select()
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
		.orderBy(asc(eventRegistrations.id));
}

export async function setRegistrationStatus(
	db: DbOrTx,
	id: number,
	from: RegistrationStatus[],
	values: Partial<typeof eventRegistrations.$inferInsert>
) {
	const [row] = await db
		.update(eventRegistrations)
		.set(values)
		.where(and(eq(eventRegistrations.id, id), inArray(eventRegistrations.status, from)))
		.returning();
	return row;
}

export async function updateRegistration(
	db: DbOrTx,
	id: number,
	values: Partial<typeof eventRegistrations.$inferInsert>
) {
	const [row] = await db
		.update(eventRegistrations)
		.set(values)
		.where(eq(eventRegistrations.id, id))
		.returning();
	return row;
}

export async function registrationsOf(db: DbOrTx, eventId: number) {
	return db
		.select()
		.from(eventRegistrations)
		.where(eq(eventRegistrations.eventId, eventId))
		.orderBy(asc(eventRegistrations.id));
}

export async function findByCertificateCode(db: DbOrTx, code: string) {
	const [row] = await db
		.select({ registration: eventRegistrations, event: events, organiserName: organisations.name })
		.from(eventRegistrations)
		.innerJoin(events, eq(events.id, eventRegistrations.eventId))
		.leftJoin(organisations, eq(organisations.id, events.organisationId))
		.where(eq(eventRegistrations.certificateCode, code));
	return row;
}

/**
 * Marks confirmed registrations for events starting in [from, to) as reminded, once: the update
 * only takes rows not yet reminded, so a second run of the same job finds nothing.
 */
export async function claimReminders(db: DbOrTx, from: Date, to: Date, now: Date) {
	return db
		.update(eventRegistrations)
		.set({ remindedAt: now })
		.where(
			and(
				eq(eventRegistrations.status, 'confirmed'),
				isNull(eventRegistrations.remindedAt),
				inArray(
					eventRegistrations.eventId,
					db
						.select({ id: events.id })
						.from(events)
						.where(and(eq(events.status, 'published'), gte(events.startsAt, from), lt(events.startsAt, to)))
				)
			)
		)
		.returning();
}

export async function registrationsByUser(db: DbOrTx, userId: number) {
	return db.select().from(eventRegistrations).where(eq(eventRegistrations.userId, userId));
}

export async function deleteRegistration(db: DbOrTx, id: number) {
	await db.delete(eventRegistrations).where(eq(eventRegistrations.id, id));
}

/** A person's registrations (data export). */
export async function registrationsOfUser(db: DbOrTx, userId: number, email: string) {
	return db
		.select({ registration: eventRegistrations, title: events.title, startsAt: events.startsAt })
		.from(eventRegistrations)
		.innerJoin(events, eq(events.id, eventRegistrations.eventId))
		.where(
			or(eq(eventRegistrations.userId, userId), sql`lower(${eventRegistrations.email}) = lower(${email})`)
		)
		.orderBy(desc(eventRegistrations.createdAt));
}
