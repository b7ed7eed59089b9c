import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '#lib/server/db/client.ts';
import { contactMessages, outbox } from '#lib/server/db/schema/index.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { updateSettings } from '#lib/server/settings/settings.queries.ts';
import {
	MIN_FILL_MS,
	answerContactMessage,
	contactFormToken,
	getContactMessage,
	listContactMessages,
	submitContactMessage
} from '#lib/server/contact/contact.service.ts';
import { Forbidden, Invalid, TooManyAttempts } from '#lib/server/errors.ts';
import { insertUser } from '#lib/server/accounts/accounts.queries.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('contact form on %s', (kind) => {
	let database: Database;
	let editorId: number;
	const editor = () => ({ db: database.db, actor: { userId: editorId, roles: ['editor'] as const } });
	const message = async (overrides: Partial<Parameters<typeof submitContactMessage>[1]> = {}) => ({
		name: 'Farid',
		email: 'farid@example.org',
		subject: 'Anerkennung meines Abschlusses',
		message: 'Wer hat Erfahrung mit der Anerkennung?\n<script>alert(1)</script>',
		locale: 'fa' as const,
		formToken: await contactFormToken(database.db, Date.now() - MIN_FILL_MS - 1000),
		honeypot: '',
		...overrides
	});
	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		await updateSettings(database.db, { email: 'buero@example.org' });
		editorId = (
			await insertUser(database.db, { email: 'redaktion@example.org', name: 'Redaktion', passwordHash: 'x' })
		).id;
	});
	afterAll(async () => {
		await database?.close();
	});

	describe(submitContactMessage.name, () => {
		it('stores the message with proof of consent and mails it to the office', async () => {
			await submitContactMessage(database.db, await message(), '198.51.100.20');
			const [stored] = await database.db.select().from(contactMessages);
			expect(stored).toMatchObject({
				name: 'Farid',
				locale: 'fa',
				status: 'new',
				consentVersion: 'datenschutz@1'
			});
			const [mail] = await database.db.select().from(outbox).where(eq(outbox.to, 'buero@example.org'));
			expect(mail!.subject).toContain('Anerkennung meines Abschlusses');
			expect(mail!.html).not.toContain('<script>');
			expect(mail!.html).toContain('&lt;script&gt;');
		});
		it('silently drops what fills the honeypot', async () => {
			const before = (await database.db.select().from(contactMessages)).length;
			await submitContactMessage(
				database.db,
				await message({ honeypot: 'https://spam.example' }),
				'198.51.100.21'
			);
			expect((await database.db.select().from(contactMessages)).length).toBe(before);
		});
		it('refuses forms sent faster than a person can type, and forged or old tokens', async () => {
			await expect(
				submitContactMessage(
					database.db,
					await message({ formToken: await contactFormToken(database.db) }),
					'198.51.100.22'
				)
			).rejects.toMatchObject({ messageKey: 'contact_too_fast' });
			await expect(
				submitContactMessage(
					database.db,
					await message({ formToken: `${Date.now() - 10_000}.deadbeef` }),
					'198.51.100.22'
				)
			).rejects.toBeInstanceOf(Invalid);
			const old = await contactFormToken(database.db, Date.now() - 2 * 24 * 60 * 60 * 1000);
			await expect(
				submitContactMessage(database.db, await message({ formToken: old }), '198.51.100.22')
			).rejects.toMatchObject({ messageKey: 'contact_form_expired' });
		});
		it('limits messages per IP address', async () => {
			for (let i = 0; i < 5; i++) await submitContactMessage(database.db, await message(), '198.51.100.30');
			await expect(
				submitContactMessage(database.db, await message(), '198.51.100.30')
			).rejects.toBeInstanceOf(TooManyAttempts);
		});
	});

	describe(answerContactMessage.name, () => {
		it('mails the answer in the sender language and marks the message answered', async () => {
			const { messages } = await listContactMessages(editor(), { status: 'new', page: 1 });
			const id = messages.at(-1)!.id;
			await answerContactMessage(editor(), id, 'Ja, Frau K. aus Leipzig hat das geschafft.', null);
			expect((await getContactMessage(editor(), id)).status).toBe('answered');
			const [reply] = await database.db.select().from(outbox).where(eq(outbox.to, 'farid@example.org'));
			expect(reply).toMatchObject({ locale: 'fa', purpose: 'contact_reply' });
			expect(reply!.html).toContain('dir="rtl"');
		});
		it('is closed to members without a role and to visitors', async () => {
			const member = { db: database.db, actor: { userId: editorId, roles: [] } };
			await expect(listContactMessages(member, { page: 1 })).rejects.toBeInstanceOf(Forbidden);
		});
	});
});
