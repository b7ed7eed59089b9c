import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeOrganisation } from '#lib/server/directory/review.service.ts';
import { insertMembership } from '#lib/server/membership/membership.queries.ts';
import { organisationProfileSchema } from '#lib/schemas/directory.ts';
import { eq } from 'drizzle-orm';
import type { Database } from '#lib/server/db/client.ts';
import { auditLog, outbox, users } from '#lib/server/db/schema/index.ts';
import { createAdmin } from '#lib/server/accounts/admin-bootstrap.ts';
import { findUserByEmail } from '#lib/server/accounts/accounts.queries.ts';
import {
	changePassword,
	confirmEmailChange,
	deleteMyAccount,
	exportMyData,
	requestEmailChange,
	updateProfile
} from '#lib/server/accounts/profile.service.ts';
import { createSession, validateSession } from '#lib/server/auth/session.service.ts';
import { register, signIn, verifyEmail } from '#lib/server/auth/auth.service.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { Conflict, Forbidden, Invalid } from '#lib/server/errors.ts';
import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const meta = { ip: '203.0.113.9', origin: 'http://localhost:3000' };

describe.each(DATABASE_KINDS)('own account on %s', (kind) => {
	let database: Database;
	let userId: number;
	const ctx = () => ({ db: database.db, actor: { userId, roles: [] } });
	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		await register(
			database.db,
			{ name: 'Tomasz', email: 'tomasz@example.org', password: 'wisła płynie szeroko', locale: 'pl' },
			meta
		);
		const [mail] = await database.db.select().from(outbox).where(eq(outbox.to, 'tomasz@example.org'));
		await verifyEmail(database.db, /token=([a-z0-9]+)/.exec(mail!.text)![1]!);
		userId = (await findUserByEmail(database.db, 'tomasz@example.org'))!.id;
	});
	afterAll(async () => {
		await database?.close();
	});

	it('updates name and language', async () => {
		await updateProfile(ctx(), { name: 'Tomasz Nowak', locale: 'de' });
		expect(await findUserByEmail(database.db, 'tomasz@example.org')).toMatchObject({
			name: 'Tomasz Nowak',
			locale: 'de'
		});
		await expect(
			updateProfile({ db: database.db, actor: ANONYMOUS }, { name: 'x', locale: 'de' })
		).rejects.toBeInstanceOf(Forbidden);
	});

	it('changes the password only with the current one, ending the other sessions', async () => {
		const here = await createSession(database.db, userId, false);
		const elsewhere = await createSession(database.db, userId, false);
		await expect(
			changePassword(ctx(), here.id, { current: 'falsch falsch', next: 'neues passwort hier' }, null)
		).rejects.toMatchObject({
			messageKey: 'account_current_password_wrong'
		});
		await changePassword(
			ctx(),
			here.id,
			{ current: 'wisła płynie szeroko', next: 'neues passwort hier' },
			null
		);
		expect(await validateSession(database.db, here.token)).not.toBeNull();
		expect(await validateSession(database.db, elsewhere.token)).toBeNull();
		await signIn(database.db, { email: 'tomasz@example.org', password: 'neues passwort hier' }, meta);
	});

	it('changes the email address only after the new address confirms it', async () => {
		await register(
			database.db,
			{ name: 'Other', email: 'taken@example.org', password: 'ein langes passwort', locale: 'de' },
			meta
		);
		const before = (await database.db.select().from(outbox)).length;
		// An address that already has an account gets nothing; the answer is the same.
		await requestEmailChange(ctx(), 'taken@example.org', meta.origin, null);
		expect((await database.db.select().from(outbox)).length).toBe(before);
		await requestEmailChange(ctx(), 'tomasz.neu@example.org', meta.origin, null);
		expect(await findUserByEmail(database.db, 'tomasz@example.org')).toBeDefined();
		const [mail] = await database.db.select().from(outbox).where(eq(outbox.to, 'tomasz.neu@example.org'));
		const token = /token=([a-z0-9]+)/.exec(mail!.text)![1]!;
		await confirmEmailChange(database.db, token, null);
		expect((await findUserByEmail(database.db, 'tomasz.neu@example.org'))!.id).toBe(userId);
		await expect(confirmEmailChange(database.db, token, null)).rejects.toBeInstanceOf(Invalid);
		// Back, so the remaining tests find the account under its first address.
		await requestEmailChange(ctx(), 'tomasz@example.org', meta.origin, null);
		const rows = await database.db.select().from(outbox).where(eq(outbox.to, 'tomasz@example.org'));
		await confirmEmailChange(database.db, /token=([a-z0-9]+)/.exec(rows.at(-1)!.text)![1]!, null);
		expect((await findUserByEmail(database.db, 'tomasz@example.org'))!.id).toBe(userId);
	});

	it('exports everything stored about the person, without secrets', async () => {
		await proposeOrganisation(
			ctx(),
			organisationProfileSchema.parse({
				name: 'Polnischer Elternverein',
				kind: 'initiative',
				districtKey: '14713',
				municipality: 'Leipzig'
			}),
			{ wantsAdmin: true, message: 'Ich bin die Vorsitzende.' }
		);
		await insertMembership(database.db, {
			number: 'M-2026-901',
			year: 2026,
			sequence: 901,
			form: 'supporting',
			name: 'Tomasz Nowak',
			email: 'tomasz@example.org',
			startedOn: '2026-01-01',
			decidedOn: '2026-01-01'
		});
		const data = await exportMyData(ctx(), null);
		expect(data.memberships).toMatchObject([{ number: 'M-2026-901', form: 'supporting' }]);
		expect(data.directoryRequests).toMatchObject([
			{
				organisation: 'Polnischer Elternverein',
				kind: 'proposal',
				message: 'Ich bin die Vorsitzende.',
				status: 'open'
			}
		]);
		expect(data.organisations).toEqual([]);
		expect(data.membershipApplications).toEqual([]);
		expect(data.account).toMatchObject({ email: 'tomasz@example.org', name: 'Tomasz Nowak', locale: 'de' });
		expect(data.mails.length).toBeGreaterThan(0);
		expect(data.activity.map((a) => a.action)).toContain('auth.registered');
		const text = JSON.stringify(data);
		expect(text).not.toContain('argon2');
		expect(text).not.toMatch(/token=/);
	});

	it('erases the account and keeps the audit trail only under a pseudonym', async () => {
		await expect(deleteMyAccount(ctx(), 'falsch falsch', null)).rejects.toBeInstanceOf(Invalid);
		await deleteMyAccount(ctx(), 'neues passwort hier', null);
		expect(await database.db.select().from(users).where(eq(users.id, userId))).toEqual([]);
		expect(await database.db.select().from(outbox).where(eq(outbox.to, 'tomasz@example.org'))).toEqual([]);
		const trail = await database.db.select().from(auditLog);
		expect(JSON.stringify(trail)).not.toContain('tomasz@example.org');
		expect(trail.map((t) => t.action)).toContain('account.deleted');
	});

	it('refuses to delete the last administrator', async () => {
		const { email, password } = await createAdmin(database.db, { email: 'einzig@example.org' });
		const adminId = (await findUserByEmail(database.db, email))!.id;
		await expect(
			deleteMyAccount({ db: database.db, actor: { userId: adminId, roles: ['admin'] } }, password, null)
		).rejects.toBeInstanceOf(Conflict);
	});
});
