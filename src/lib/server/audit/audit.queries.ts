import { desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { auditLog, users } from '#lib/server/db/schema/index.ts';

export async function insertAuditEntry(db: DbOrTx, values: typeof auditLog.$inferInsert) {
	await db.insert(auditLog).values(values);
}

export async function listAuditEntries(
	db: DbOrTx,
	options: { search?: string; limit: number; offset: number }
) {
	const where: SQL | undefined = options.search
		? or(
				ilike(auditLog.action, `%${options.search}%`),
				ilike(auditLog.actorLabel, `%${options.search}%`),
				ilike(users.email, `%${options.search}%`)
			)
		: undefined;
	return db
		.select({ entry: auditLog, actorEmail: users.email })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(options.limit)
		.offset(options.offset);
}

export async function pseudonymiseActor(db: DbOrTx, actorId: number, label: string) {
	await db.update(auditLog).set({ actorLabel: label }).where(eq(auditLog.actorId, actorId));
}
