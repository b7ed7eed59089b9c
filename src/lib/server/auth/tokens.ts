import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** 160 random bits, URL-safe. Given to the user (cookie, mail link); never stored. */
export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(20)));
}

/** What the database stores instead of a token: its SHA-256. A leaked table yields no tokens. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
