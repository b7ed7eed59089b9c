import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { dues, feeSchedules, memberships, sepaMandates } from '#lib/server/db/schema/index.ts';

export async function feesOf(db: DbOrTx, year: number) {
	return db.select().from(feeSchedules).where(eq(feeSchedules.year, year));
}

export async function setFee(db: DbOrTx, year: number, form: 'ordinary' | 'supporting', amountCents: number) {
	await db
		.insert(feeSchedules)
		.values({ year, form, amountCents })
		.onConflictDoUpdate({ target: [feeSchedules.year, feeSchedules.form], set: { amountCents } });
}

/** One dues row per active, paying membership of the year; existing rows are left alone. */
export async function generateDues(db: DbOrTx, year: number, dueOn: string) {
	const rows = await db.execute(sql`
		insert into ${dues} (membership_id, year, amount_cents, due_on)
		select m.id, ${year}, f.amount_cents, ${dueOn}::date
		from ${memberships} m join ${feeSchedules} f on f.form = m.form and f.year = ${year}
		where m.status = 'active' and f.amount_cents > 0
		on conflict (membership_id, year) do nothing
		returning id
	`);
	return (rows as unknown as { rows: unknown[] }).rows.length;
}

export async function duesList(db: DbOrTx, year: number) {
	return db
		.select({
			id: dues.id,
			year: dues.year,
			amountCents: dues.amountCents,
			dueOn: dues.dueOn,
			status: dues.status,
			paidOn: dues.paidOn,
			method: dues.method,
			remindedAt: dues.remindedAt,
			membershipId: memberships.id,
			number: memberships.number,
			name: memberships.name,
			paymentMethod: memberships.paymentMethod
		})
		.from(dues)
		.innerJoin(memberships, eq(memberships.id, dues.membershipId))
		.where(eq(dues.year, year))
		.orderBy(asc(memberships.year), asc(memberships.sequence));
}

export async function findDues(db: DbOrTx, id: number) {
	const [row] = await db.select().from(dues).where(eq(dues.id, id)).limit(1);
	return row;
}

export async function updateDues(db: DbOrTx, id: number, values: Partial<typeof dues.$inferInsert>) {
	await db.update(dues).set(values).where(eq(dues.id, id));
}

/** Open dues past their date whose member was not reminded in the last 30 days. */
export async function remindable(db: DbOrTx, today: string, before: Date) {
	return db
		.select({ dues, membership: memberships })
		.from(dues)
		.innerJoin(memberships, eq(memberships.id, dues.membershipId))
		.where(
			and(
				eq(dues.status, 'open'),
				lt(dues.dueOn, today),
				or(isNull(dues.remindedAt), lt(dues.remindedAt, before)),
				isNull(memberships.anonymisedAt)
			)
		);
}

/** Marks one reminder as sent; false when another run did it first (no duplicate mail). */
export async function claimReminder(db: DbOrTx, id: number, now: Date, before: Date) {
	const rows = await db
		.update(dues)
		.set({ remindedAt: now })
		.where(and(eq(dues.id, id), or(isNull(dues.remindedAt), lt(dues.remindedAt, before))))
		.returning({ id: dues.id });
	return rows.length === 1;
}

export async function insertMandate(db: DbOrTx, values: typeof sepaMandates.$inferInsert) {
	const [row] = await db.insert(sepaMandates).values(values).returning();
	return row!;
}

export async function mandatesOf(db: DbOrTx, membershipId: number) {
	return db.select().from(sepaMandates).where(eq(sepaMandates.membershipId, membershipId));
}

export async function revokeMandates(db: DbOrTx, membershipId: number, now: Date) {
	await db
		.update(sepaMandates)
		.set({ revokedAt: now })
		.where(and(eq(sepaMandates.membershipId, membershipId), isNull(sepaMandates.revokedAt)));
}

/** Open dues of the year that can be collected: direct-debit members with a valid mandate. */
export async function collectable(db: DbOrTx, year: number) {
	return db
		.select({ dues, membership: memberships, mandate: sepaMandates })
		.from(dues)
		.innerJoin(memberships, eq(memberships.id, dues.membershipId))
		.innerJoin(
			sepaMandates,
			and(eq(sepaMandates.membershipId, memberships.id), isNull(sepaMandates.revokedAt))
		)
		.where(
			and(
				eq(dues.year, year),
				eq(dues.status, 'open'),
				isNull(dues.collectionId),
				eq(memberships.paymentMethod, 'direct_debit')
			)
		);
}

export async function markMandateUsed(db: DbOrTx, id: number, now: Date) {
	await db
		.update(sepaMandates)
		.set({ usedAt: now })
		.where(and(eq(sepaMandates.id, id), isNull(sepaMandates.usedAt)));
}

/** Dues of the year whose notice was not mailed yet. */
export async function unnotified(db: DbOrTx, year: number) {
	return db
		.select({ dues, membership: memberships })
		.from(dues)
		.innerJoin(memberships, eq(memberships.id, dues.membershipId))
		.where(and(eq(dues.year, year), isNull(dues.notifiedAt)));
}
