import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password).catch(() => false);
}

/** A random password of 20 characters from an alphabet without look-alikes (≈ 114 bits). */
export function generatePassword(length = 20): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = randomBytes(length * 2);
	let out = '';
	for (const byte of bytes) {
		// Rejection sampling keeps every character equally likely.
		if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
		if (out.length === length) break;
	}
	return out.length === length ? out : generatePassword(length);
}
