import type { Locale } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { Conflict, Invalid, NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { pseudonymiseActor } from '#lib/server/audit/audit.queries.ts';
import { endUserSessions } from '#lib/server/auth/session.service.ts';
import { passwordProblem } from '#lib/server/auth/password-policy.ts';
import { countUsersWithRole, rolesOf, updatePasswordHash } from './accounts.queries.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import { hashPassword, verifyPassword } from './password.ts';
import * as queries from './profile.queries.ts';
import { consumeEmailToken, insertEmailToken } from '#lib/server/auth/auth.queries.ts';
import { queueAuthMail } from '#lib/server/auth/auth-mails.ts';
import { generateToken, hashToken } from '#lib/server/auth/tokens.ts';
import { findUserByEmail } from './accounts.queries.ts';
import type { Db } from '#lib/server/db/client.ts';
import { forgetRegistrationsOfUser } from '#lib/server/events/registration.service.ts';
import { registrationsOfUser } from '#lib/server/events/events.queries.ts';

async function me(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'account.own');
	const user = await findUserById(ctx.db, ctx.actor.userId!);
	if (!user) throw new NotFound('account');
	return user;
}

export async function updateProfile(ctx: ServiceContext, input: { name: string; locale: Locale }) {
	const user = await me(ctx);
	await queries.updateUser(ctx.db, user.id, { name: input.name, locale: input.locale });
}

/** Changes the password after checking the current one; every other session of the account ends. */
export async function changePassword(
	ctx: ServiceContext,
	sessionId: string,
	input: { current: string; next: string },
	ip: string | null
) {
	const user = await me(ctx);
	if (!(await verifyPassword(user.passwordHash, input.current)))
		throw new Invalid('account_current_password_wrong');
	const problem = passwordProblem(input.next, { email: user.email, name: user.name });
	if (problem) throw new Invalid(problem);
	await ctx.db.transaction(async (tx) => {
		await updatePasswordHash(tx, user.id, await hashPassword(input.next));
		await endUserSessions(tx, user.id, sessionId);
		await audit(tx, { action: 'account.password_changed', actorId: user.id, actorLabel: user.email, ip });
	});
}

/** Everything stored about the signed-in person (Art. 15 and 20 DSGVO), as plain data. */
export async function exportMyData(ctx: ServiceContext, ip: string | null) {
	const user = await me(ctx);
	const rows = await queries.exportRows(ctx.db, user.id, user.email);
	await audit(ctx.db, { action: 'account.exported', actorId: user.id, actorLabel: user.email, ip });
	return {
		exportedAt: new Date().toISOString(),
		account: {
			email: user.email,
			name: user.name,
			locale: user.locale,
			createdAt: user.createdAt,
			emailVerifiedAt: user.emailVerifiedAt,
			lastSignInAt: user.lastSignInAt
		},
		roles: rows.roles,
		sessions: rows.sessions,
		activity: rows.activity,
		mails: rows.mails,
		organisations: rows.organisations,
		directoryRequests: rows.directoryRequests,
		memberships: rows.memberships,
		membershipApplications: rows.membershipApplications,
		newsletter: rows.newsletter,
		exchange: rows.exchange,
		volunteering: rows.volunteering,
		eventRegistrations: (await registrationsOfUser(ctx.db, user.id, user.email)).map((r) => ({
			event: r.title,
			startsAt: r.startsAt,
			name: r.registration.name,
			email: r.registration.email,
			status: r.registration.status,
			answers: r.registration.answers,
			attended: r.registration.attended,
			registeredAt: r.registration.createdAt
		}))
	};
}

/**
 * Erases the account (Art. 17 DSGVO): the account, its sessions, tokens, second factor, mails,
 * event registrations and a newsletter subscription under its address are deleted; the audit log keeps what happened, under a pseudonym instead of the email.
 */
export async function deleteMyAccount(ctx: ServiceContext, password: string, ip: string | null) {
	const user = await me(ctx);
	if (!(await verifyPassword(user.passwordHash, password)))
		throw new Invalid('account_current_password_wrong');
	const roles = await rolesOf(ctx.db, user.id);
	if (roles.includes('admin') && (await countUsersWithRole(ctx.db, 'admin')) <= 1)
		throw new Conflict('account_last_admin');
	await ctx.db.transaction(async (tx) => {
		await pseudonymiseActor(tx, user.id, `deleted-account-${user.id}`);
		await queries.deleteMailsTo(tx, user.email);
		await queries.deleteNewsletterSubscription(tx, user.email);
		await forgetRegistrationsOfUser(tx, user.id);
		await queries.deleteUser(tx, user.id);
		await audit(tx, {
			action: 'account.deleted',
			actorLabel: `deleted-account-${user.id}`,
			subjectType: 'user',
			subjectId: user.id,
			ip
		});
	});
}

const CHANGE_EMAIL_MS = 24 * 60 * 60 * 1000;

/**
 * Sends a confirmation link to the new address; the address changes only when it is confirmed.
 * When the new address already has an account nothing is sent — the answer is the same.
 */
export async function requestEmailChange(
	ctx: ServiceContext,
	rawEmail: string,
	origin: string,
	ip: string | null
) {
	const user = await me(ctx);
	const newEmail = rawEmail.trim().toLowerCase();
	if (newEmail === user.email) return;
	if (await findUserByEmail(ctx.db, newEmail)) return;
	const token = generateToken();
	await ctx.db.transaction(async (tx) => {
		await insertEmailToken(tx, {
			id: hashToken(token),
			userId: user.id,
			purpose: 'change_email',
			newEmail,
			expiresAt: new Date(Date.now() + CHANGE_EMAIL_MS)
		});
		await queueAuthMail(
			tx,
			'change_email',
			{ email: newEmail, name: user.name, locale: user.locale },
			origin,
			token
		);
		await audit(tx, {
			action: 'account.email_change_requested',
			actorId: user.id,
			actorLabel: user.email,
			ip
		});
	});
}

export async function confirmEmailChange(db: Db, token: string, ip: string | null) {
	await db.transaction(async (tx) => {
		const row = await consumeEmailToken(tx, hashToken(token), 'change_email', new Date());
		if (!row?.newEmail) throw new Invalid('auth_link_invalid');
		if (await findUserByEmail(tx, row.newEmail)) throw new Conflict('account_email_taken');
		await queries.updateEmail(tx, row.userId, row.newEmail);
		await audit(tx, { action: 'account.email_changed', actorId: row.userId, actorLabel: row.newEmail, ip });
	});
}
