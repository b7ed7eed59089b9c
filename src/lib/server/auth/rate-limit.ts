import type { DbOrTx } from '#lib/server/db/client.ts';
import { clearHits, countHit } from './rate-limit.queries.ts';

export interface RateLimitRule {
	limit: number;
	windowMs: number;
}

export interface RateLimitResult {
	allowed: boolean;
	/** Seconds until the window ends (when not allowed). */
	retryAfter: number;
}

/** Fixed-window limiter in the database, so it holds across processes and restarts. */
export async function hitRateLimit(
	db: DbOrTx,
	key: string,
	rule: RateLimitRule,
	now = new Date()
): Promise<RateLimitResult> {
	const row = await countHit(db, key, now, new Date(now.getTime() - rule.windowMs));
	const retryAfter = Math.max(
		1,
		Math.ceil((row.windowStart.getTime() + rule.windowMs - now.getTime()) / 1000)
	);
	return { allowed: row.count <= rule.limit, retryAfter };
}

export { clearHits as resetRateLimit };
