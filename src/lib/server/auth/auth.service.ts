import type { Db } from '#lib/server/db/client.ts';
import { Invalid, TooManyAttempts } from '#lib/server/errors.ts';
import { findUserByEmail, insertUser, updatePasswordHash } from '#lib/server/accounts/accounts.queries.ts';
import { hashPassword, verifyPassword } from '#lib/server/accounts/password.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import * as queries from './auth.queries.ts';
import { queueAuthMail } from './auth-mails.ts';
import { passwordProblem } from './password-policy.ts';
import { hitRateLimit, resetRateLimit } from './rate-limit.ts';
import { createSession, endUserSessions } from './session.service.ts';
import { generateToken, hashToken } from './tokens.ts';

export interface RequestMeta {
	ip: string | null;
	origin: string;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ACCOUNT_LIMIT = { limit: 5, windowMs: FIFTEEN_MINUTES };
const IP_LIMIT = { limit: 30, windowMs: FIFTEEN_MINUTES };
const RESET_TOKEN_MS = 60 * 60 * 1000;
const VERIFY_TOKEN_MS = 48 * 60 * 60 * 1000;

// Verifying against a real hash when the account does not exist keeps the answer time the same
// for known and unknown emails (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(generateToken()));

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

async function limit(db: Db, keys: [string, { limit: number; windowMs: number }][]) {
	for (const [key, rule] of keys) {
		const result = await hitRateLimit(db, key, rule);
		if (!result.allowed) throw new TooManyAttempts(result.retryAfter);
	}
}

/** Password sign-in. Returns a fresh session; the caller sets the cookie. */
export async function signIn(db: Db, input: { email: string; password: string }, meta: RequestMeta) {
	const email = normalizeEmail(input.email);
	try {
		await limit(db, [
			[`signin:account:${email}`, ACCOUNT_LIMIT],
			[`signin:ip:${meta.ip ?? 'unknown'}`, IP_LIMIT]
		]);
	} catch (error) {
		await audit(db, { action: 'auth.sign_in_blocked', actorLabel: email, ip: meta.ip });
		throw error;
	}
	const user = await findUserByEmail(db, email);
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: (await verifyPassword(await dummy(), input.password), false);
	if (!user || !valid || user.disabledAt) {
		await audit(db, {
			action: 'auth.sign_in_failed',
			actorId: user?.id ?? null,
			actorLabel: user ? email : null,
			ip: meta.ip
		});
		throw new Invalid('auth_invalid_credentials');
	}
	if (!user.emailVerifiedAt) throw new Invalid('auth_email_not_verified');
	await resetRateLimit(db, `signin:account:${email}`);
	const totp = await queries.findTotp(db, user.id);
	const session = await createSession(db, user.id, false);
	await queries.setLastSignIn(db, user.id, new Date());
	await audit(db, { action: 'auth.sign_in', actorId: user.id, actorLabel: email, ip: meta.ip });
	return { ...session, userId: user.id, secondFactorPending: Boolean(totp?.confirmedAt) };
}

export interface Registration {
	name: string;
	email: string;
	password: string;
	locale: string;
}

/**
 * Creates an unverified account and mails the verification link. For an email that already has an
 * account, that account's owner gets a hint instead — the visitor sees the same answer either way.
 */
export async function register(db: Db, input: Registration, meta: RequestMeta) {
	const email = normalizeEmail(input.email);
	await limit(db, [[`register:ip:${meta.ip ?? 'unknown'}`, { limit: 10, windowMs: 60 * 60 * 1000 }]]);
	const problem = passwordProblem(input.password, { email, name: input.name });
	if (problem) throw new Invalid(problem);
	const existing = await findUserByEmail(db, email);
	if (existing) {
		await queueAuthMail(db, 'account_exists', existing, meta.origin);
		return;
	}
	const passwordHash = await hashPassword(input.password);
	await db.transaction(async (tx) => {
		const user = await insertUser(tx, { email, name: input.name.trim(), locale: input.locale, passwordHash });
		const token = generateToken();
		await queries.insertEmailToken(tx, {
			id: hashToken(token),
			userId: user.id,
			purpose: 'verify_email',
			expiresAt: new Date(Date.now() + VERIFY_TOKEN_MS)
		});
		await queueAuthMail(tx, 'verify_email', user, meta.origin, token);
		await audit(tx, { action: 'auth.registered', actorId: user.id, actorLabel: email, ip: meta.ip });
	});
}

export async function verifyEmail(db: Db, token: string) {
	const now = new Date();
	const row = await queries.consumeEmailToken(db, hashToken(token), 'verify_email', now);
	if (!row) throw new Invalid('auth_link_invalid');
	await queries.setEmailVerified(db, row.userId, now);
	await audit(db, { action: 'auth.email_verified', actorId: row.userId });
}

/** Mails a single-use reset link when the account exists; the answer never tells. */
export async function requestPasswordReset(db: Db, rawEmail: string, meta: RequestMeta) {
	const email = normalizeEmail(rawEmail);
	await limit(db, [
		[`reset:account:${email}`, { limit: 3, windowMs: 60 * 60 * 1000 }],
		[`reset:ip:${meta.ip ?? 'unknown'}`, { limit: 20, windowMs: 60 * 60 * 1000 }]
	]);
	const user = await findUserByEmail(db, email);
	if (!user || user.disabledAt) return;
	const token = generateToken();
	await queries.insertEmailToken(db, {
		id: hashToken(token),
		userId: user.id,
		purpose: 'reset_password',
		expiresAt: new Date(Date.now() + RESET_TOKEN_MS)
	});
	await queueAuthMail(db, 'reset_password', user, meta.origin, token);
	await audit(db, { action: 'auth.reset_requested', actorId: user.id, actorLabel: email, ip: meta.ip });
}

/** Sets a new password from a mailed link and ends every session of the account. */
export async function resetPassword(db: Db, token: string, password: string, meta: RequestMeta) {
	const tokenId = hashToken(token);
	const now = new Date();
	return db.transaction(async (tx) => {
		const row = await queries.consumeEmailToken(tx, tokenId, 'reset_password', now);
		if (!row) throw new Invalid('auth_link_invalid');
		const user = await queries.findUserById(tx, row.userId);
		const problem = passwordProblem(password, { email: user?.email, name: user?.name });
		if (problem) throw new Invalid(problem);
		await updatePasswordHash(tx, row.userId, await hashPassword(password));
		// The link proves control of the mailbox: the address is verified too.
		if (!user?.emailVerifiedAt) await queries.setEmailVerified(tx, row.userId, now);
		await endUserSessions(tx, row.userId);
		await audit(tx, {
			action: 'auth.password_reset',
			actorId: row.userId,
			actorLabel: user?.email,
			ip: meta.ip
		});
		return row.userId;
	});
}
