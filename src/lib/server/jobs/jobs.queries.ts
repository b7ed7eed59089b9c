import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import { jobs } from '#lib/server/db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobState = 'pending' | 'done' | 'failed';

/** Returns the new id, or null when a job with the same dedupe key already exists. */
export async function insertJob(db: DbOrTx, values: typeof jobs.$inferInsert): Promise<number | null> {
	const rows = await db
		.insert(jobs)
		.values(values)
		.onConflictDoNothing({ target: jobs.dedupeKey })
		.returning({ id: jobs.id });
	return rows[0]?.id ?? null;
}

const isDue = (now: Date) =>
	and(
		lte(jobs.runAt, now),
		isNull(jobs.doneAt),
		isNull(jobs.failedAt),
		or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now))
	);

/**
 * Locks up to `limit` due jobs for this worker and counts the attempt. The row locks live only for
 * this short transaction; afterwards `locked_until` keeps other workers away while the handler runs.
 * SKIP LOCKED lets concurrent workers on PostgreSQL pass each other instead of waiting; PGlite has a
 * single connection and runs the transactions one after the other, so the second sees the lock.
 */
export async function claimDueJobs(db: Db, now: Date, lockedUntil: Date, limit: number): Promise<JobRow[]> {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ id: jobs.id })
			.from(jobs)
			.where(isDue(now))
			.orderBy(asc(jobs.runAt), asc(jobs.id))
			.limit(limit)
			.for('update', { skipLocked: true });
		if (due.length === 0) return [];
		return tx
			.update(jobs)
			.set({ lockedUntil, attempts: sql`${jobs.attempts} + 1` })
			.where(
				inArray(
					jobs.id,
					due.map((row) => row.id)
				)
			)
			.returning();
	});
}

export async function markJobDone(db: DbOrTx, id: number, now: Date) {
	await db.update(jobs).set({ doneAt: now, lockedUntil: null }).where(eq(jobs.id, id));
}

export async function markJobRetry(db: DbOrTx, id: number, lastError: string, runAt: Date) {
	await db.update(jobs).set({ lastError, runAt, lockedUntil: null }).where(eq(jobs.id, id));
}

export async function markJobFailed(db: DbOrTx, id: number, lastError: string, now: Date) {
	await db.update(jobs).set({ lastError, failedAt: now, lockedUntil: null }).where(eq(jobs.id, id));
}

const STATE_FILTERS = {
	pending: and(isNull(jobs.doneAt), isNull(jobs.failedAt)),
	done: isNotNull(jobs.doneAt),
	failed: isNotNull(jobs.failedAt)
} as const;

export async function selectJobs(db: DbOrTx, state: JobState | undefined, limit: number): Promise<JobRow[]> {
	return db
		.select()
		.from(jobs)
		.where(state ? STATE_FILTERS[state] : undefined)
		.orderBy(desc(jobs.id))
		.limit(limit);
}

/** Only failed jobs: resetting a pending one could run it twice while a worker holds it. */
export async function resetFailedJob(db: DbOrTx, id: number, now: Date): Promise<boolean> {
	const rows = await db
		.update(jobs)
		.set({ failedAt: null, runAt: now, attempts: 0, lockedUntil: null })
		.where(and(eq(jobs.id, id), isNotNull(jobs.failedAt)))
		.returning({ id: jobs.id });
	return rows.length > 0;
}
