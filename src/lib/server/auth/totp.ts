import { generateHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

const PERIOD = 30;
const DIGITS = 6;

export function generateTotpSecret(): string {
	return encodeBase32UpperCaseNoPadding(new Uint8Array(randomBytes(20)));
}

export function totpKeyUri(issuer: string, account: string, secret: string): string {
	return createTOTPKeyURI(issuer, account, decodeBase32IgnorePadding(secret), PERIOD, DIGITS);
}

/**
 * The time step a code belongs to (now, one before or one after, for clock drift), or null. The
 * caller stores the step and refuses steps at or before it, so a code cannot be used twice.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
	const normalized = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(normalized)) return null;
	const key = decodeBase32IgnorePadding(secret);
	const current = Math.floor(now / 1000 / PERIOD);
	const given = new TextEncoder().encode(normalized);
	for (const step of [current, current - 1, current + 1]) {
		const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS));
		if (constantTimeEqual(expected, given)) return step;
	}
	return null;
}

/** For tests and the setup page's self-check only. */
export function totpCodeAt(secret: string, now = Date.now()): string {
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(now / 1000 / PERIOD)), DIGITS);
}
