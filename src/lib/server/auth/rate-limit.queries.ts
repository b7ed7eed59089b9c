import { sql } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { rateLimits } from '#lib/server/db/schema/index.ts';

/** Counts one hit in a fixed window, starting a new window when the old one is over. */
export async function countHit(db: DbOrTx, key: string, now: Date, windowStartAfter: Date) {
	const [row] = await db
		.insert(rateLimits)
		.values({ key, count: 1, windowStart: now })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.windowStart} < ${windowStartAfter.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
				windowStart: sql`case when ${rateLimits.windowStart} < ${windowStartAfter.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`
			}
		})
		.returning();
	return row!;
}

export async function clearHits(db: DbOrTx, key: string) {
	await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
