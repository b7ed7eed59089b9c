import type { ServiceContext } from '#lib/server/context.ts';
import { SITE_ROLES, type SiteRole } from '#lib/server/db/schema/index.ts';
import { Conflict, NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { endUserSessions } from '#lib/server/auth/session.service.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import { countUsersWithRole, grantRole, rolesOf } from './accounts.queries.ts';
import * as queries from './users.queries.ts';

const PAGE = 50;

export async function listUsers(ctx: ServiceContext, options: { search?: string; page: number }) {
	requireAccess(ctx.actor, 'users.manage');
	const search = options.search?.trim().slice(0, 100) || undefined;
	const rows = await queries.searchUsers(ctx.db, search, PAGE + 1, (options.page - 1) * PAGE);
	return { users: rows.slice(0, PAGE), hasMore: rows.length > PAGE };
}

export async function getUser(ctx: ServiceContext, userId: number) {
	requireAccess(ctx.actor, 'users.manage');
	const user = Number.isSafeInteger(userId) ? await findUserById(ctx.db, userId) : undefined;
	if (!user) throw new NotFound(`user ${userId}`);
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		disabledAt: user.disabledAt,
		lastSignInAt: user.lastSignInAt,
		emailVerifiedAt: user.emailVerifiedAt,
		roles: await rolesOf(ctx.db, user.id),
		sessions: await queries.countSessions(ctx.db, user.id)
	};
}

/** Sets a person's site roles exactly; every grant and revocation goes to the audit log. */
export async function setUserRoles(
	ctx: ServiceContext,
	userId: number,
	wanted: SiteRole[],
	ip: string | null
) {
	requireAccess(ctx.actor, 'users.manage');
	const user = await getUser(ctx, userId);
	const next = SITE_ROLES.filter((role) => wanted.includes(role));
	const granted = next.filter((role) => !user.roles.includes(role));
	const revoked = user.roles.filter((role) => !next.includes(role));
	if (revoked.includes('admin') && (await countUsersWithRole(ctx.db, 'admin')) <= 1)
		throw new Conflict('users_last_admin');
	await ctx.db.transaction(async (tx) => {
		for (const role of granted) {
			await grantRole(tx, user.id, role);
			await audit(tx, {
				actorId: ctx.actor.userId,
				action: 'users.role_granted',
				subjectType: 'user',
				subjectId: user.id,
				details: { role },
				ip
			});
		}
		for (const role of revoked) {
			await queries.revokeRole(tx, user.id, role);
			await audit(tx, {
				actorId: ctx.actor.userId,
				action: 'users.role_revoked',
				subjectType: 'user',
				subjectId: user.id,
				details: { role },
				ip
			});
		}
	});
	return { granted, revoked };
}

/** Disabling blocks sign-in and ends every session at once; one cannot disable oneself. */
export async function setUserDisabled(
	ctx: ServiceContext,
	userId: number,
	disabled: boolean,
	ip: string | null
) {
	requireAccess(ctx.actor, 'users.manage');
	const user = await getUser(ctx, userId);
	if (user.id === ctx.actor.userId) throw new Conflict('users_not_yourself');
	await ctx.db.transaction(async (tx) => {
		await queries.setDisabledAt(tx, user.id, disabled ? new Date() : null);
		if (disabled) await endUserSessions(tx, user.id);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: disabled ? 'users.disabled' : 'users.enabled',
			subjectType: 'user',
			subjectId: user.id,
			ip
		});
	});
}

export async function forceSignOut(ctx: ServiceContext, userId: number, ip: string | null) {
	requireAccess(ctx.actor, 'users.manage');
	const user = await getUser(ctx, userId);
	await endUserSessions(ctx.db, user.id);
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'users.signed_out',
		subjectType: 'user',
		subjectId: user.id,
		ip
	});
}
