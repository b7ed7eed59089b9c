import type { Cookies } from '@sveltejs/kit';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import type { SiteRole } from '#lib/server/db/schema/index.ts';
import { organisationRolesOf, rolesOf } from '#lib/server/accounts/accounts.queries.ts';
import * as queries from './session.queries.ts';
import { generateToken, hashToken } from './tokens.ts';

export const SESSION_COOKIE = 'mit_session';
/** A session ends after this long without a request … */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** … and at the latest this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Writing lastSeenAt on every request would turn every page view into a write.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	locale: string;
	emailVerified: boolean;
	twoFactorEnabled: boolean;
}

export interface ValidSession {
	id: string;
	expiresAt: Date;
	twoFactorVerified: boolean;
	user: SessionUser;
	roles: SiteRole[];
	organisationRoles: { organisationId: number; role: 'org_admin' | 'org_member'; isMember: boolean }[];
}

/** A new session (at sign-in, always a fresh token: no fixation). */
export async function createSession(
	db: DbOrTx,
	userId: number,
	twoFactorVerified: boolean,
	now = new Date()
) {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
	await queries.insertSession(db, {
		id: hashToken(token),
		userId,
		expiresAt,
		lastSeenAt: now,
		twoFactorVerified
	});
	return { token, id: hashToken(token), expiresAt };
}

export async function validateSession(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
	const id = hashToken(token);
	const row = await queries.findSessionWithUser(db, id);
	if (!row) return null;
	const { session, user } = row;
	const idleExpired = now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS;
	if (session.expiresAt <= now || idleExpired || user.disabledAt) {
		await queries.deleteSession(db, id);
		return null;
	}
	if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await queries.touchSession(db, id, now);
	return {
		id,
		expiresAt: session.expiresAt,
		twoFactorVerified: session.twoFactorVerified,
		user: {
			id: user.id,
			email: user.email,
			name: user.name,
			locale: user.locale,
			emailVerified: user.emailVerifiedAt !== null,
			twoFactorEnabled: row.totpConfirmedAt !== null
		},
		roles: await rolesOf(db, user.id),
		organisationRoles: await organisationRolesOf(db, user.id)
	};
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export { deleteSession as endSession, deleteUserSessions as endUserSessions } from './session.queries.ts';
