import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { createAdmin, ensureFirstAdmin } from '#lib/server/accounts/admin-bootstrap.ts';
import { findUserByEmail, rolesOf } from '#lib/server/accounts/accounts.queries.ts';
import { verifyPassword } from '#lib/server/accounts/password.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('admin bootstrap on %s', (kind) => {
	let database: Database;
	beforeAll(async () => {
		database = await openTestDatabase(kind);
	});
	afterAll(async () => {
		await database?.close();
	});

	describe(ensureFirstAdmin.name, () => {
		it('creates one admin with a random password stored only as an argon2id hash', async () => {
			const created = await ensureFirstAdmin(database.db, 'Admin@Example.org');
			expect(created).not.toBeNull();
			expect(created!.password).toMatch(/^[A-Za-z0-9]{20}$/);
			const user = await findUserByEmail(database.db, 'admin@example.org');
			expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
			expect(user!.passwordHash).not.toContain(created!.password);
			expect(await verifyPassword(user!.passwordHash, created!.password)).toBe(true);
			expect(await rolesOf(database.db, user!.id)).toEqual(['admin']);
		});
		it('does nothing when an admin exists', async () => {
			expect(await ensureFirstAdmin(database.db, 'other@example.org')).toBeNull();
			expect(await findUserByEmail(database.db, 'other@example.org')).toBeUndefined();
		});
	});

	describe(createAdmin.name, () => {
		it('gives an existing account a new password and the admin role', async () => {
			const first = await createAdmin(database.db, { email: 'board@example.org', name: 'Vorstand' });
			expect(first.created).toBe(true);
			const second = await createAdmin(database.db, { email: 'board@example.org' });
			expect(second.created).toBe(false);
			const user = await findUserByEmail(database.db, 'board@example.org');
			expect(await verifyPassword(user!.passwordHash, first.password)).toBe(false);
			expect(await verifyPassword(user!.passwordHash, second.password)).toBe(true);
		});
		it('rejects something that is not an email address', async () => {
			await expect(createAdmin(database.db, { email: 'not-an-email' })).rejects.toThrow(/email/);
		});
	});
});
