import type { DbOrTx } from '#lib/server/db/client.ts';
import { TooManyAttempts } from '#lib/server/errors.ts';
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

/**
 * For public forms (registrations, sign-ups, offers of help): at most `limit` submissions per
 * client address an hour; without a known address nothing is limited.
 */
export async function limitPerAddress(db: DbOrTx, purpose: string, ip: string | null, limit: number) {
	if (!ip) return;
	const result = await hitRateLimit(db, `${purpose}:${ip}`, { limit, windowMs: 3600_000 });
	if (!result.allowed) throw new TooManyAttempts(result.retryAfter);
}
