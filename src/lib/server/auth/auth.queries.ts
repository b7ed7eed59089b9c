import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	emailTokens,
	recoveryCodes,
	totpCredentials,
	users,
	type EmailTokenPurpose
} from '#lib/server/db/schema/index.ts';

export async function findTotp(db: DbOrTx, userId: number) {
	const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
	return row;
}

export async function upsertTotpSecret(db: DbOrTx, userId: number, secret: string) {
	await db
		.insert(totpCredentials)
		.values({ userId, secret })
		.onConflictDoUpdate({
			target: totpCredentials.userId,
			set: { secret, confirmedAt: null, lastUsedStep: null }
		});
}

export async function confirmTotp(db: DbOrTx, userId: number, step: number) {
	await db
		.update(totpCredentials)
		.set({ confirmedAt: new Date(), lastUsedStep: step })
		.where(eq(totpCredentials.userId, userId));
}

export async function setTotpLastStep(db: DbOrTx, userId: number, step: number) {
	await db.update(totpCredentials).set({ lastUsedStep: step }).where(eq(totpCredentials.userId, userId));
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: number, hashes: string[]) {
	await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/** Marks an unused recovery code used; true when there was one. */
export async function useRecoveryCode(db: DbOrTx, userId: number, codeHash: string) {
	const rows = await db
		.update(recoveryCodes)
		.set({ usedAt: new Date() })
		.where(
			and(
				eq(recoveryCodes.userId, userId),
				eq(recoveryCodes.codeHash, codeHash),
				isNull(recoveryCodes.usedAt)
			)
		)
		.returning({ id: recoveryCodes.id });
	return rows.length > 0;
}

export async function insertEmailToken(db: DbOrTx, values: typeof emailTokens.$inferInsert) {
	await db.insert(emailTokens).values(values);
}

/** Takes a valid token (unused, unexpired, right purpose) and marks it used in the same statement. */
export async function consumeEmailToken(db: DbOrTx, id: string, purpose: EmailTokenPurpose, now: Date) {
	const [row] = await db
		.update(emailTokens)
		.set({ usedAt: now })
		.where(
			and(
				eq(emailTokens.id, id),
				eq(emailTokens.purpose, purpose),
				isNull(emailTokens.usedAt),
				gt(emailTokens.expiresAt, now)
			)
		)
		.returning();
	return row;
}

export async function setEmailVerified(db: DbOrTx, userId: number, at: Date) {
	await db.update(users).set({ emailVerifiedAt: at }).where(eq(users.id, userId));
}

export async function setLastSignIn(db: DbOrTx, userId: number, at: Date) {
	await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
}

export async function findUserById(db: DbOrTx, id: number) {
	const [row] = await db.select().from(users).where(eq(users.id, id));
	return row;
}
