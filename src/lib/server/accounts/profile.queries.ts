import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	auditLog,
	membershipApplications,
	memberships,
	newsletterSubscribers,
	exchangeQuestions,
	exchangeAnswers,
	exchangeHelpers,
	exchangeMessages,
	volunteerInterests,
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
			.where(eq(organisationRequests.userId, userId)),
		memberships: await db
			.select({
				number: memberships.number,
				form: memberships.form,
				status: memberships.status,
				name: memberships.name,
				email: memberships.email,
				phone: memberships.phone,
				street: memberships.street,
				postalCode: memberships.postalCode,
				city: memberships.city,
				startedOn: memberships.startedOn,
				endedOn: memberships.endedOn
			})
			.from(memberships)
			.where(eq(memberships.email, email)),
		membershipApplications: await db
			.select({
				form: membershipApplications.form,
				name: membershipApplications.name,
				status: membershipApplications.status,
				data: membershipApplications.data,
				acknowledgedAt: membershipApplications.acknowledgedAt,
				privacyVersion: membershipApplications.privacyVersion,
				createdAt: membershipApplications.createdAt
			})
			.from(membershipApplications)
			.where(eq(membershipApplications.email, email)),
		newsletter: await db
			.select({
				email: newsletterSubscribers.email,
				status: newsletterSubscribers.status,
				locale: newsletterSubscribers.locale,
				topics: newsletterSubscribers.topics,
				signupAt: newsletterSubscribers.signupAt,
				signupIp: newsletterSubscribers.signupIp,
				consentVersion: newsletterSubscribers.consentVersion,
				consentText: newsletterSubscribers.consentText,
				confirmedAt: newsletterSubscribers.confirmedAt,
				unsubscribedAt: newsletterSubscribers.unsubscribedAt
			})
			.from(newsletterSubscribers)
			.where(eq(newsletterSubscribers.email, email)),
		exchange: {
			questions: await db
				.select({
					title: exchangeQuestions.title,
					body: exchangeQuestions.body,
					pseudonym: exchangeQuestions.pseudonym,
					createdAt: exchangeQuestions.createdAt
				})
				.from(exchangeQuestions)
				.where(eq(exchangeQuestions.authorId, userId)),
			answers: await db
				.select({
					body: exchangeAnswers.body,
					pseudonym: exchangeAnswers.pseudonym,
					createdAt: exchangeAnswers.createdAt
				})
				.from(exchangeAnswers)
				.where(eq(exchangeAnswers.authorId, userId)),
			helperProfile: await db.select().from(exchangeHelpers).where(eq(exchangeHelpers.userId, userId)),
			messages: await db
				.select({ body: exchangeMessages.body, createdAt: exchangeMessages.createdAt })
				.from(exchangeMessages)
				.where(eq(exchangeMessages.senderId, userId))
		},
		volunteering: await db
			.select({ message: volunteerInterests.message, createdAt: volunteerInterests.createdAt })
			.from(volunteerInterests)
			.where(eq(volunteerInterests.email, email))
	};
}

export async function deleteMailsTo(db: DbOrTx, email: string) {
	await db.delete(outbox).where(eq(outbox.to, email));
}

export async function deleteNewsletterSubscription(db: DbOrTx, email: string) {
	await db.delete(newsletterSubscribers).where(eq(newsletterSubscribers.email, email));
}

export async function deleteUser(db: DbOrTx, userId: number) {
	await db.delete(users).where(eq(users.id, userId));
}
