import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	auditLog,
	organisationRequests,
	organisationRoles,
	organisations,
	outbox,
	sessions,
	userRoles,
	users
} from '#lib/server/db/schema/index.ts';

export async function updateUser(
	db: DbOrTx,
	userId: number,
	values: Partial<Pick<typeof users.$inferInsert, 'name' | 'locale'>>
) {
	await db.update(users).set(values).where(eq(users.id, userId));
}

export async function updateEmail(db: DbOrTx, userId: number, email: string) {
	await db.update(users).set({ email, emailVerifiedAt: new Date() }).where(eq(users.id, userId));
}

export async function exportRows(db: DbOrTx, userId: number, email: string) {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	return {
		user,
		roles: await db
			.select({ role: userRoles.role, grantedAt: userRoles.grantedAt })
			.from(userRoles)
			.where(eq(userRoles.userId, userId)),
		sessions: await db
			.select({
				createdAt: sessions.createdAt,
				lastSeenAt: sessions.lastSeenAt,
				expiresAt: sessions.expiresAt
			})
			.from(sessions)
			.where(eq(sessions.userId, userId)),
		activity: await db
			.select({ at: auditLog.at, action: auditLog.action, ip: auditLog.ip })
			.from(auditLog)
			.where(eq(auditLog.actorId, userId))
			.orderBy(desc(auditLog.at)),
		mails: await db
			.select({ createdAt: outbox.createdAt, subject: outbox.subject, status: outbox.status })
			.from(outbox)
			.where(eq(outbox.to, email))
			.orderBy(desc(outbox.createdAt)),
		organisations: await db
			.select({
				organisation: organisations.name,
				role: organisationRoles.role,
				since: organisationRoles.grantedAt
			})
			.from(organisationRoles)
			.innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
			.where(eq(organisationRoles.userId, userId)),
		directoryRequests: await db
			.select({
				organisation: organisations.name,
				kind: organisationRequests.kind,
				message: organisationRequests.message,
				status: organisationRequests.status,
				createdAt: organisationRequests.createdAt,
				decidedAt: organisationRequests.decidedAt,
				decisionNote: organisationRequests.decisionNote
			})
			.from(organisationRequests)
			.innerJoin(organisations, eq(organisations.id, organisationRequests.organisationId))
			.where(eq(organisationRequests.userId, userId))
	};
}

export async function deleteMailsTo(db: DbOrTx, email: string) {
	await db.delete(outbox).where(eq(outbox.to, email));
}

export async function deleteUser(db: DbOrTx, userId: number) {
	await db.delete(users).where(eq(users.id, userId));
}
