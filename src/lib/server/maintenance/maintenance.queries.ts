import { and, eq, inArray, isNotNull, lt, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	auditLog,
	contactMessages,
	emailTokens,
	organisationInvitations,
	organisationRequests,
	organisations,
	outbox,
	rateLimits,
	sessions
} from '#lib/server/db/schema/index.ts';

export async function deleteExpiredSessions(db: DbOrTx, now: Date, idleBefore: Date) {
	await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)));
}

export async function deleteOldEmailTokens(db: DbOrTx, before: Date) {
	await db.delete(emailTokens).where(lt(emailTokens.expiresAt, before));
}

export async function deleteOldRateLimits(db: DbOrTx, before: Date) {
	await db.delete(rateLimits).where(lt(rateLimits.windowStart, before));
}

export async function forgetAuditIps(db: DbOrTx, before: Date) {
	await db
		.update(auditLog)
		.set({ ip: null })
		.where(and(lt(auditLog.at, before), isNotNull(auditLog.ip)));
}

export async function deleteOldDeliveredMails(db: DbOrTx, before: Date) {
	await db
		.delete(outbox)
		.where(and(lt(outbox.createdAt, before), inArray(outbox.status, ['sent', 'stored', 'failed'])));
}

export async function deleteOldContactMessages(db: DbOrTx, before: Date) {
	await db.delete(contactMessages).where(lt(contactMessages.createdAt, before));
}

/** Rejected proposals (the unpublished profile goes with its request) and decided requests. */
export async function deleteOldDirectoryRequests(db: DbOrTx, before: Date) {
	await db
		.delete(organisations)
		.where(and(eq(organisations.status, 'rejected'), lt(organisations.updatedAt, before)));
	await db
		.delete(organisationRequests)
		.where(and(ne(organisationRequests.status, 'open'), lt(organisationRequests.decidedAt, before)));
}

export async function deleteOldInvitations(db: DbOrTx, before: Date) {
	await db
		.delete(organisationInvitations)
		.where(
			or(
				lt(organisationInvitations.expiresAt, before),
				and(isNotNull(organisationInvitations.acceptedAt), lt(organisationInvitations.acceptedAt, before))
			)
		);
}
