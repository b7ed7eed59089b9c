import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { createAdmin } from '#lib/server/accounts/admin-bootstrap.ts';
import { findUserByEmail, insertUser, rolesOf } from '#lib/server/accounts/accounts.queries.ts';
import {
	forceSignOut,
	getUser,
	listUsers,
	setUserDisabled,
	setUserRoles
} from '#lib/server/accounts/users.service.ts';
import { createSession, validateSession } from '#lib/server/auth/session.service.ts';
import { listAudit } from '#lib/server/audit/audit.service.ts';
import { Conflict, Forbidden } from '#lib/server/errors.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('user administration on %s', (kind) => {
	let database: Database;
	let adminId: number;
	let personId: number;
	const admin = () => ({
		db: database.db,
		actor: { userId: adminId, roles: ['admin'] as const, twoFactorVerified: true }
	});
	beforeAll(async () => {
		database = await openTestDatabase(kind);
		const created = await createAdmin(database.db, { email: 'chefin@example.org' });
		adminId = (await findUserByEmail(database.db, created.email))!.id;
		personId = (
			await insertUser(database.db, {
				email: 'helfer@example.org',
				name: 'Helfer',
				passwordHash: 'x',
				emailVerifiedAt: new Date()
			})
		).id;
	});
	afterAll(async () => {
		await database?.close();
	});

	it('finds people by name or email', async () => {
		const { users } = await listUsers(admin(), { search: 'HELF', page: 1 });
		expect(users.map((u) => u.email)).toEqual(['helfer@example.org']);
	});

	it('grants and revokes roles, each change in the audit log', async () => {
		expect(await setUserRoles(admin(), personId, ['editor', 'board'], '192.0.2.5')).toEqual({
			granted: ['board', 'editor'],
			revoked: []
		});
		expect(await setUserRoles(admin(), personId, ['editor'], null)).toEqual({
			granted: [],
			revoked: ['board']
		});
		expect(await rolesOf(database.db, personId)).toEqual(['editor']);
		const { entries } = await listAudit(admin(), { page: 1, search: 'users.role' });
		expect(entries.map((e) => [e.action, e.details.role])).toEqual(
			expect.arrayContaining([
				['users.role_granted', 'board'],
				['users.role_granted', 'editor'],
				['users.role_revoked', 'board']
			])
		);
	});

	it('keeps at least one administrator', async () => {
		await expect(setUserRoles(admin(), adminId, [], null)).rejects.toBeInstanceOf(Conflict);
	});

	it('disabling ends the sessions at once; one cannot disable oneself', async () => {
		const session = await createSession(database.db, personId, false);
		await setUserDisabled(admin(), personId, true, null);
		expect(await validateSession(database.db, session.token)).toBeNull();
		expect((await getUser(admin(), personId)).disabledAt).not.toBeNull();
		await setUserDisabled(admin(), personId, false, null);
		await expect(setUserDisabled(admin(), adminId, true, null)).rejects.toBeInstanceOf(Conflict);
	});

	it('signs a person out everywhere', async () => {
		const a = await createSession(database.db, personId, false);
		const b = await createSession(database.db, personId, false);
		await forceSignOut(admin(), personId, null);
		expect(await validateSession(database.db, a.token)).toBeNull();
		expect(await validateSession(database.db, b.token)).toBeNull();
	});

	it('is for administrators with a second factor only', async () => {
		for (const actor of [
			{ userId: personId, roles: ['editor'] as const },
			{ userId: personId, roles: ['board'] as const, twoFactorVerified: true },
			{ userId: adminId, roles: ['admin'] as const, twoFactorVerified: false }
		]) {
			await expect(listUsers({ db: database.db, actor }, { page: 1 })).rejects.toBeInstanceOf(Forbidden);
			await expect(
				setUserRoles({ db: database.db, actor }, personId, ['admin'], null)
			).rejects.toBeInstanceOf(Forbidden);
		}
	});
});
