import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { appSecrets } from '#lib/server/db/schema/index.ts';

const cache = new Map<string, string>();

/** A random secret created on first use and kept in the database, so all app processes share it. */
export async function appSecret(db: DbOrTx, name: string): Promise<string> {
	const known = cache.get(name);
	if (known) return known;
	await db
		.insert(appSecrets)
		.values({ name, value: randomBytes(32).toString('hex') })
		.onConflictDoNothing();
	const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
	cache.set(name, row!.value);
	return row!.value;
}

export function sign(secret: string, value: string): string {
	return createHmac('sha256', secret).update(value).digest('hex').slice(0, 32);
}

export function signatureMatches(secret: string, value: string, signature: string): boolean {
	const expected = Buffer.from(sign(secret, value));
	const given = Buffer.from(signature);
	return expected.length === given.length && timingSafeEqual(expected, given);
}
