import { and, eq, inArray, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	auditLog,
	contactMessages,
	emailTokens,
	membershipApplications,
	memberships,
	organisationInvitations,
	organisationRequests,
	organisations,
	outbox,
	rateLimits,
	sepaMandates,
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

/**
 * Anonymises memberships that ended more than `years` years ago: name, contact data, bank account
 * and the application's data go; number, form, dates and dues amounts stay for the accounts.
 */
export async function anonymiseEndedMemberships(db: DbOrTx, now: Date, years: number) {
	const cutoff = new Date(now);
	cutoff.setFullYear(cutoff.getFullYear() - years);
	const day = cutoff.toISOString().slice(0, 10);
	const ended = await db
		.select({ id: memberships.id, applicationId: memberships.applicationId })
		.from(memberships)
		.where(
			and(eq(memberships.status, 'ended'), isNull(memberships.anonymisedAt), lt(memberships.endedOn, day))
		);
	for (const { id, applicationId } of ended) {
		await db
			.update(memberships)
			.set({
				name: `anonymisiert ${id}`,
				email: null,
				phone: null,
				street: null,
				postalCode: null,
				city: null,
				justification: null,
				anonymisedAt: now
			})
			.where(eq(memberships.id, id));
		await db
			.update(sepaMandates)
			.set({ accountHolder: 'anonymisiert', iban: 'XX00ANONYMISIERT', bic: null })
			.where(eq(sepaMandates.membershipId, id));
		if (applicationId) {
			await db
				.update(membershipApplications)
				.set({ name: `anonymisiert ${applicationId}`, email: '', data: {}, statutesKey: null })
				.where(eq(membershipApplications.id, applicationId));
		}
	}
	return ended.length;
}
