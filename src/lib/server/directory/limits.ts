import type { DbOrTx } from '#lib/server/db/client.ts';
import { hitRateLimit } from '#lib/server/auth/rate-limit.ts';
import { TooManyAttempts } from '#lib/server/errors.ts';

/** Proposals, claims and invitations per person and day: enough for real work, not for spam. */
const REQUESTS_PER_DAY = { limit: 20, windowMs: 24 * 60 * 60 * 1000 };

export async function limitRequests(db: DbOrTx, userId: number) {
	const result = await hitRateLimit(db, `directory:${userId}`, REQUESTS_PER_DAY);
	if (!result.allowed) throw new TooManyAttempts(result.retryAfter);
}
