import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { sessions, totpCredentials, userRoles, users, type SiteRole } from '#lib/server/db/schema/index.ts';

export async function searchUsers(db: DbOrTx, search: string | undefined, limit: number, offset: number) {
	const where = search ? or(ilike(users.email, `%${search}%`), ilike(users.name, `%${search}%`)) : undefined;
	const rows = await db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			disabledAt: users.disabledAt,
			lastSignInAt: users.lastSignInAt,
			emailVerifiedAt: users.emailVerifiedAt,
			twoFactor: sql<boolean>`${totpCredentials.confirmedAt} is not null`
		})
		.from(users)
		.leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
		.where(where)
		.orderBy(asc(users.email))
		.limit(limit)
		.offset(offset);
	const roles = rows.length
		? await db
				.select()
				.from(userRoles)
				.where(
					inArray(
						userRoles.userId,
						rows.map((r) => r.id)
					)
				)
		: [];
	return rows.map((row) => ({ ...row, roles: roles.filter((r) => r.userId === row.id).map((r) => r.role) }));
}

export async function revokeRole(db: DbOrTx, userId: number, role: SiteRole) {
	await db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)));
}

export async function setDisabledAt(db: DbOrTx, userId: number, at: Date | null) {
	await db.update(users).set({ disabledAt: at }).where(eq(users.id, userId));
}

export async function countSessions(db: DbOrTx, userId: number) {
	const [row] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
	return row?.n ?? 0;
}
