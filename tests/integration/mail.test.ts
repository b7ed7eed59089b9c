import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import type { Database } from '#lib/server/db/client.ts';
import { jobs } from '#lib/server/db/schema/index.ts';
import { listJobs, runDueJobs } from '#lib/server/jobs/jobs.service.ts';
import {
	getOutboxMail,
	listOutbox,
	mailJobHandlers,
	queueMail,
	type NewMail
} from '#lib/server/mail/mail.service.ts';
import { renderMailLayout } from '#lib/server/mail/layout.ts';
import { createMailTransport } from '#lib/server/mail/transport.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const FROM = 'Miteinander <noreply@example.org>';

/** A real SMTP server in this process that keeps every message it accepts. */
function startSmtpServer() {
	const received: { to: string[]; raw: string }[] = [];
	const state = { rejectRecipients: false };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (!state.rejectRecipients) return callback();
			callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	const listening = new Promise<number>((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
	});
	return {
		received,
		state,
		listening,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

function testMail(subject: string): NewMail {
	const { text, html } = renderMailLayout({
		locale: 'de',
		dir: 'ltr',
		heading: 'Hallo',
		paragraphs: ['Ihre Nachricht ist angekommen.'],
		action: { label: 'Ansehen', url: 'https://example.org/n/1' },
		footerLines: ['Integrationsnetzwerk Sachsen']
	});
	return { to: 'person@example.org', locale: 'de', purpose: 'test', subject, text, html };
}

describe.each(DATABASE_KINDS)('mail on %s', (kind) => {
	let database: Database;
	const db = () => database.db;
	const smtp = startSmtpServer();
	let transport: ReturnType<typeof createMailTransport>;
	const handlers = () => mailJobHandlers(db(), { transport, from: FROM });

	beforeAll(async () => {
		process.env.LOG_LEVEL = 'silent';
		database = await openTestDatabase(kind);
		transport = createMailTransport(`smtp://127.0.0.1:${await smtp.listening}`);
	});
	afterAll(async () => {
		transport?.close();
		await smtp.close();
		await database?.close();
	});
	beforeEach(() => {
		smtp.received.length = 0;
		smtp.state.rejectRecipients = false;
	});

	it('sends a queued mail over SMTP with a text and an HTML part and marks it sent', async () => {
		const id = await queueMail(db(), testMail('Willkommen beim Netzwerk'));
		expect((await getOutboxMail(db(), id))?.status).toBe('queued');
		expect(await runDueJobs(db(), handlers())).toEqual({ done: 1, retried: 0, failed: 0 });

		expect(smtp.received).toHaveLength(1);
		const [message] = smtp.received;
		expect(message!.to).toEqual(['person@example.org']);
		expect(message!.raw).toContain('Subject: Willkommen beim Netzwerk');
		expect(message!.raw).toContain('From: Miteinander <noreply@example.org>');
		// Header names are case-insensitive; nodemailer writes this one as `…-ID`.
		expect(message!.raw).toMatch(new RegExp(`^X-Miteinander-Outbox-Id: ${id}\r?$`, 'im'));
		expect(message!.raw).toMatch(/Content-Type: multipart\/alternative/);
		expect(message!.raw).toMatch(/Content-Type: text\/plain/);
		expect(message!.raw).toMatch(/Content-Type: text\/html/);
		expect(message!.raw).toContain('Ihre Nachricht ist angekommen.');

		const sent = await getOutboxMail(db(), id);
		expect(sent).toMatchObject({ status: 'sent', error: null });
		expect(sent?.sentAt).toBeInstanceOf(Date);
	});

	it('does not send a mail twice when its job runs again', async () => {
		const id = await queueMail(db(), testMail('Nur einmal'));
		await runDueJobs(db(), handlers());
		expect(smtp.received).toHaveLength(1);

		// As if the worker had crashed after sending but before marking the job done.
		await db()
			.update(jobs)
			.set({ doneAt: null })
			.where(eq(jobs.dedupeKey, `mail.send:${id}`));
		expect((await runDueJobs(db(), handlers())).done).toBe(1);
		await handlers()['mail.send']!({ outboxId: id }, { id: 0, attempts: 1, maxAttempts: 5 });
		expect(smtp.received).toHaveLength(1);
	});

	it("queues nothing when the caller's transaction rolls back", async () => {
		const before = (await listOutbox(db(), { limit: 500 })).length;
		await expect(
			db().transaction(async (tx) => {
				await queueMail(tx, testMail('Zurückgerollt'));
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await listOutbox(db(), { limit: 500 })).toHaveLength(before);
		expect(await runDueJobs(db(), handlers())).toEqual({ done: 0, retried: 0, failed: 0 });
	});

	it('only stores the mail when there is no SMTP transport', async () => {
		const id = await queueMail(db(), testMail('Nur gespeichert'));
		const stored = mailJobHandlers(db(), { transport: createMailTransport(undefined), from: FROM });
		expect((await runDueJobs(db(), stored)).done).toBe(1);
		expect(smtp.received).toHaveLength(0);
		expect(await getOutboxMail(db(), id)).toMatchObject({ status: 'stored', sentAt: null });
		// A later run with a transport does not send a stored mail either.
		await handlers()['mail.send']!({ outboxId: id }, { id: 0, attempts: 1, maxAttempts: 5 });
		expect(smtp.received).toHaveLength(0);
	});

	it('retries when the SMTP server refuses and marks the mail failed after the last attempt', async () => {
		smtp.state.rejectRecipients = true;
		const id = await queueMail(db(), testMail('Abgelehnt'));
		let time = Date.now();
		const now = () => new Date(time);

		expect(await runDueJobs(db(), handlers(), { now })).toEqual({ done: 0, retried: 1, failed: 0 });
		const retrying = await getOutboxMail(db(), id);
		expect(retrying?.status).toBe('queued');
		expect(retrying?.error).toMatch(/550|mailbox unavailable/);
		const [job] = await listJobs(db(), { state: 'pending', limit: 1 });
		expect(job).toMatchObject({ attempts: 1, payload: { outboxId: id } });

		for (let attempt = 2; attempt <= 5; attempt++) {
			time += 3600_000;
			const result = await runDueJobs(db(), handlers(), { now });
			expect(result).toEqual(
				attempt < 5 ? { done: 0, retried: 1, failed: 0 } : { done: 0, retried: 0, failed: 1 }
			);
		}
		const failed = await getOutboxMail(db(), id);
		expect(failed?.status).toBe('failed');
		expect(failed?.error).toMatch(/550|mailbox unavailable/);
		expect(smtp.received).toHaveLength(0);
		const [failedJob] = await listJobs(db(), { state: 'failed' });
		expect(failedJob?.lastError).toMatch(/550|mailbox unavailable/);
	});

	it('lists the outbox newest first without the bodies', async () => {
		const list = await listOutbox(db(), { limit: 2 });
		expect(list).toHaveLength(2);
		expect(list[0]!.id).toBeGreaterThan(list[1]!.id);
		expect(list[0]).not.toHaveProperty('html');
		expect(await listOutbox(db(), { limit: 1, offset: 1 })).toEqual([list[1]]);
		expect(await getOutboxMail(db(), 999_999)).toBeNull();
	});
});

describe(createMailTransport.name, () => {
	it('returns null without an SMTP URL and refuses other URLs', () => {
		expect(createMailTransport(undefined)).toBeNull();
		expect(createMailTransport('  ')).toBeNull();
		expect(() => createMailTransport('http://example.org')).toThrow(/smtp:\/\//);
	});
});
