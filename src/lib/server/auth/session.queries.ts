import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { sessions, totpCredentials, users } from '#lib/server/db/schema/index.ts';

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
	await db.insert(sessions).values(values);
}

export async function findSessionWithUser(db: DbOrTx, id: string) {
	const [row] = await db
		.select({ session: sessions, user: users, totpConfirmedAt: totpCredentials.confirmedAt })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
		.where(eq(sessions.id, id));
	return row;
}

export async function touchSession(db: DbOrTx, id: string, at: Date) {
	await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function markSessionTwoFactorVerified(db: DbOrTx, id: string) {
	await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, id));
}

export async function deleteSession(db: DbOrTx, id: string) {
	await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user, optionally keeping the one in use. */
export async function deleteUserSessions(db: DbOrTx, userId: number, exceptId?: string) {
	await db
		.delete(sessions)
		.where(
			exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId)
		);
}
