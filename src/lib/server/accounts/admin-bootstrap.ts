import type { Db } from '#lib/server/db/client.ts';
import * as queries from './accounts.queries.ts';
import { generatePassword, hashPassword } from './password.ts';

export interface CreatedAdmin {
	email: string;
	/** Shown once to whoever runs the command; only its argon2id hash is stored. */
	password: string;
	/** False when the account existed and only got the admin role and a new password. */
	created: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Creates an admin account with a fresh random password (or resets an existing account's password
 * and grants it the admin role). Used by the first start and by `npm run admin:create`: both run
 * with the operator's authority on the server, so there is no actor to check here.
 */
export async function createAdmin(db: Db, input: { email: string; name?: string }): Promise<CreatedAdmin> {
	const email = input.email.trim().toLowerCase();
	if (!EMAIL.test(email)) throw new Error(`not an email address: ${input.email}`);
	const password = generatePassword();
	const passwordHash = await hashPassword(password);
	const created = await db.transaction(async (tx) => {
		const existing = await queries.findUserByEmail(tx, email);
		const user =
			existing ??
			(await queries.insertUser(tx, {
				email,
				name: input.name?.trim() || 'Administrator',
				passwordHash,
				emailVerifiedAt: new Date()
			}));
		if (existing) await queries.updatePasswordHash(tx, existing.id, passwordHash);
		await queries.grantRole(tx, user.id, 'admin');
		return !existing;
	});
	return { email, password, created };
}

/** The first start creates an admin when there is none; returns the credentials to print once. */
export async function ensureFirstAdmin(db: Db, email: string): Promise<CreatedAdmin | null> {
	if ((await queries.countUsersWithRole(db, 'admin')) > 0) return null;
	return createAdmin(db, { email });
}
