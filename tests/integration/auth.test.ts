import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '#lib/server/db/client.ts';
import { outbox, sessions } from '#lib/server/db/schema/index.ts';
import {
	register,
	requestPasswordReset,
	resetPassword,
	signIn,
	verifyEmail
} from '#lib/server/auth/auth.service.ts';
import { validateSession } from '#lib/server/auth/session.service.ts';
import { beginTotpSetup, confirmTotpSetup, verifySecondFactor } from '#lib/server/auth/two-factor.service.ts';
import { totpCodeAt } from '#lib/server/auth/totp.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { Invalid, TooManyAttempts } from '#lib/server/errors.ts';
import { listAudit } from '#lib/server/audit/audit.service.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const meta = { ip: '203.0.113.7', origin: 'http://localhost:3000' };
const tokenFromMail = (text: string) => /token=([a-z0-9]+)/.exec(text)?.[1] ?? '';

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
	let database: Database;
	const latestMail = async (to: string) => {
		const rows = await database.db.select().from(outbox).where(eq(outbox.to, to));
		return rows.at(-1)!;
	};
	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
	});
	afterAll(async () => {
		await database?.close();
	});

	describe(register.name, () => {
		it('creates an unverified account and mails a verification link in the chosen language', async () => {
			await register(
				database.db,
				{ name: 'Olena', email: 'Olena@Example.org', password: 'sonnenblumen im feld', locale: 'uk' },
				meta
			);
			const mail = await latestMail('olena@example.org');
			expect(mail.locale).toBe('uk');
			expect(mail.text).toContain('http://localhost:3000/uk/email-bestaetigen?token=');
			await expect(
				signIn(database.db, { email: 'olena@example.org', password: 'sonnenblumen im feld' }, meta)
			).rejects.toMatchObject({
				messageKey: 'auth_email_not_verified'
			});
			await verifyEmail(database.db, tokenFromMail(mail.text));
			const session = await signIn(
				database.db,
				{ email: 'olena@example.org', password: 'sonnenblumen im feld' },
				meta
			);
			expect(session.secondFactorPending).toBe(false);
		});
		it('does not reveal an existing account: the owner gets a hint mail instead', async () => {
			await register(
				database.db,
				{ name: 'Someone', email: 'olena@example.org', password: 'ein anderes passwort', locale: 'de' },
				meta
			);
			const mail = await latestMail('olena@example.org');
			expect(mail.purpose).toBe('account_exists');
		});
		it('refuses a weak password with a message key', async () => {
			await expect(
				register(
					database.db,
					{ name: 'X', email: 'x@example.org', password: 'passwort123', locale: 'de' },
					meta
				)
			).rejects.toMatchObject({
				messageKey: 'auth_password_too_common'
			});
		});
		it('accepts a verification link only once', async () => {
			await register(
				database.db,
				{ name: 'Minh', email: 'minh@example.org', password: 'lotusblüten am see', locale: 'vi' },
				meta
			);
			const token = tokenFromMail((await latestMail('minh@example.org')).text);
			await verifyEmail(database.db, token);
			await expect(verifyEmail(database.db, token)).rejects.toBeInstanceOf(Invalid);
		});
	});

	describe(signIn.name, () => {
		it('gives the same answer for an unknown email and a wrong password', async () => {
			const unknown = await signIn(
				database.db,
				{ email: 'nobody@example.org', password: 'irgendwas lang' },
				meta
			).catch((e) => e);
			const wrong = await signIn(
				database.db,
				{ email: 'olena@example.org', password: 'falsches passwort' },
				meta
			).catch((e) => e);
			expect(unknown).toBeInstanceOf(Invalid);
			expect(wrong).toBeInstanceOf(Invalid);
			expect(unknown.messageKey).toBe(wrong.messageKey);
		});
		it('slows down brute force per account', async () => {
			const attempt = () =>
				signIn(
					database.db,
					{ email: 'minh@example.org', password: 'falsch falsch' },
					{ ...meta, ip: '198.51.100.1' }
				);
			for (let i = 0; i < 5; i++) await expect(attempt()).rejects.toBeInstanceOf(Invalid);
			await expect(attempt()).rejects.toBeInstanceOf(TooManyAttempts);
			// Even the right password waits until the window is over.
			await expect(
				signIn(database.db, { email: 'minh@example.org', password: 'lotusblüten am see' }, meta)
			).rejects.toBeInstanceOf(TooManyAttempts);
		});
		it('records sign-ins and failures in the audit log without passwords', async () => {
			const admin = { userId: 1, roles: ['admin'] as const, twoFactorVerified: true };
			const { entries } = await listAudit({ db: database.db, actor: admin }, { page: 1 });
			const actions = entries.map((e) => e.action);
			expect(actions).toContain('auth.sign_in');
			expect(actions).toContain('auth.sign_in_failed');
			expect(actions).toContain('auth.sign_in_blocked');
			expect(JSON.stringify(entries)).not.toContain('falsch');
		});
	});

	describe(resetPassword.name, () => {
		it('sets the new password from the mailed link and ends every session', async () => {
			const before = await signIn(
				database.db,
				{ email: 'olena@example.org', password: 'sonnenblumen im feld' },
				meta
			);
			await requestPasswordReset(database.db, 'olena@example.org', meta);
			const token = tokenFromMail((await latestMail('olena@example.org')).text);
			await resetPassword(database.db, token, 'neues langes passwort', meta);
			expect(await validateSession(database.db, before.token)).toBeNull();
			await expect(
				signIn(database.db, { email: 'olena@example.org', password: 'sonnenblumen im feld' }, meta)
			).rejects.toBeInstanceOf(Invalid);
			await signIn(database.db, { email: 'olena@example.org', password: 'neues langes passwort' }, meta);
			await expect(resetPassword(database.db, token, 'noch ein passwort hier', meta)).rejects.toBeInstanceOf(
				Invalid
			);
		});
		it('writes nothing for an unknown address', async () => {
			const count = (await database.db.select().from(outbox)).length;
			await requestPasswordReset(database.db, 'unknown@example.org', meta);
			expect((await database.db.select().from(outbox)).length).toBe(count);
		});
	});

	describe('two-factor sign-in', () => {
		it('sets up TOTP, then requires a fresh code at sign-in; codes and recovery codes work once', async () => {
			const first = await signIn(
				database.db,
				{ email: 'olena@example.org', password: 'neues langes passwort' },
				meta
			);
			const session = (await validateSession(database.db, first.token))!;
			const ctx = { db: database.db, actor: { userId: session.user.id, roles: session.roles } };
			const setup = await beginTotpSetup(ctx, session.user.email);
			expect(setup.qrSvg).toContain('<svg');
			await expect(confirmTotpSetup(ctx, session.id, '000000', null)).rejects.toBeInstanceOf(Invalid);
			const codes = await confirmTotpSetup(ctx, session.id, totpCodeAt(setup.secret), null);
			expect(codes).toHaveLength(10);

			const second = await signIn(
				database.db,
				{ email: 'olena@example.org', password: 'neues langes passwort' },
				meta
			);
			expect(second.secondFactorPending).toBe(true);
			const pending = { id: second.id, userId: second.userId };
			// The code used for the setup cannot be replayed.
			await expect(
				verifySecondFactor(database.db, pending, totpCodeAt(setup.secret), null)
			).rejects.toBeInstanceOf(Invalid);
			await verifySecondFactor(database.db, pending, codes[0]!, null);
			const [row] = await database.db.select().from(sessions).where(eq(sessions.id, second.id));
			expect(row!.twoFactorVerified).toBe(true);
			const third = await signIn(
				database.db,
				{ email: 'olena@example.org', password: 'neues langes passwort' },
				meta
			);
			await expect(
				verifySecondFactor(database.db, { id: third.id, userId: third.userId }, codes[0]!, null)
			).rejects.toBeInstanceOf(Invalid);
		});
	});
});
