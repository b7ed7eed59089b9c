import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '#lib/server/db/client.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { Conflict, Invalid } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import * as queries from './auth.queries.ts';
import { markSessionTwoFactorVerified } from './session.queries.ts';
import { hitRateLimit } from './rate-limit.ts';
import { TooManyAttempts } from '#lib/server/errors.ts';
import { hashToken } from './tokens.ts';
import { generateTotpSecret, matchTotpStep, totpKeyUri } from './totp.ts';

const RECOVERY_CODES = 10;

function newRecoveryCode() {
	const raw = encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(7))).slice(0, 10);
	return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}
const normalizeRecovery = (code: string) =>
	code
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

export async function twoFactorEnabled(db: Db, userId: number) {
	return Boolean((await queries.findTotp(db, userId))?.confirmedAt);
}

/** The secret to scan (kept while unconfirmed, so a reload or a typo shows the same QR code). */
export async function beginTotpSetup(ctx: ServiceContext, accountName: string) {
	requireAccess(ctx.actor, 'account.own');
	const userId = ctx.actor.userId!;
	const existing = await queries.findTotp(ctx.db, userId);
	if (existing?.confirmedAt) throw new Conflict('auth_2fa_already_enabled');
	let secret = existing?.secret;
	if (!secret) {
		secret = generateTotpSecret();
		await queries.upsertTotpSecret(ctx.db, userId, secret);
	}
	const issuer = (await findSettings(ctx.db))?.name ?? 'Miteinander';
	const uri = totpKeyUri(issuer, accountName, secret);
	const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { secret, uri, qrSvg };
}

/** Confirms the authenticator with a first code; returns the recovery codes, shown once. */
export async function confirmTotpSetup(
	ctx: ServiceContext,
	sessionId: string,
	code: string,
	ip: string | null
) {
	requireAccess(ctx.actor, 'account.own');
	const userId = ctx.actor.userId!;
	const totp = await queries.findTotp(ctx.db, userId);
	if (!totp) throw new Invalid('auth_code_invalid');
	if (totp.confirmedAt) throw new Conflict('auth_2fa_already_enabled');
	const step = matchTotpStep(totp.secret, code);
	if (step === null) throw new Invalid('auth_code_invalid');
	const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
	await ctx.db.transaction(async (tx) => {
		await queries.confirmTotp(tx, userId, step);
		await queries.replaceRecoveryCodes(
			tx,
			userId,
			codes.map((c) => hashToken(normalizeRecovery(c)))
		);
		await markSessionTwoFactorVerified(tx, sessionId);
		await audit(tx, { action: 'auth.2fa_enabled', actorId: userId, ip });
	});
	return codes;
}

/** The second sign-in step: a TOTP code (each usable once) or an unused recovery code. */
export async function verifySecondFactor(
	db: Db,
	session: { id: string; userId: number },
	code: string,
	ip: string | null
) {
	const limit = await hitRateLimit(db, `2fa:user:${session.userId}`, { limit: 5, windowMs: 5 * 60 * 1000 });
	if (!limit.allowed) throw new TooManyAttempts(limit.retryAfter);
	const totp = await queries.findTotp(db, session.userId);
	if (!totp?.confirmedAt) throw new Invalid('auth_code_invalid');
	const step = matchTotpStep(totp.secret, code);
	let method: 'totp' | 'recovery_code' | null = null;
	if (step !== null && (totp.lastUsedStep === null || step > totp.lastUsedStep)) {
		await queries.setTotpLastStep(db, session.userId, step);
		method = 'totp';
	} else if (
		normalizeRecovery(code).length === 10 &&
		(await queries.useRecoveryCode(db, session.userId, hashToken(normalizeRecovery(code))))
	) {
		method = 'recovery_code';
	}
	if (!method) {
		await audit(db, { action: 'auth.2fa_failed', actorId: session.userId, ip });
		throw new Invalid('auth_code_invalid');
	}
	await markSessionTwoFactorVerified(db, session.id);
	await audit(db, { action: 'auth.2fa_passed', actorId: session.userId, details: { method }, ip });
}
