import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	organisationRoles,
	organisations,
	userRoles,
	users,
	type SiteRole
} from '#lib/server/db/schema/index.ts';

export async function countUsersWithRole(db: DbOrTx, role: SiteRole): Promise<number> {
	const rows = await db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, role));
	return rows.length;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
	const [row] = await db.select().from(users).where(eq(users.email, email));
	return row;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert) {
	const [row] = await db.insert(users).values(values).returning();
	return row!;
}

export async function updatePasswordHash(db: DbOrTx, userId: number, passwordHash: string) {
	await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function grantRole(db: DbOrTx, userId: number, role: SiteRole) {
	await db.insert(userRoles).values({ userId, role }).onConflictDoNothing();
}

export async function rolesOf(db: DbOrTx, userId: number): Promise<SiteRole[]> {
	const rows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
	return rows.map((r) => r.role);
}

/** The user's roles in organisations, with whether each organisation is a member of the association. */
export async function organisationRolesOf(db: DbOrTx, userId: number) {
	return db
		.select({
			organisationId: organisationRoles.organisationId,
			role: organisationRoles.role,
			isMember: organisations.isMember
		})
		.from(organisationRoles)
		.innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
		.where(eq(organisationRoles.userId, userId));
}
