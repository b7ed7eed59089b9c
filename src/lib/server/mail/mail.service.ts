import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import { enqueueJob, errorMessage, type JobHandlers, type JobInfo } from '#lib/server/jobs/jobs.service.ts';
import type { MailAttachment } from '#lib/server/db/schema/index.ts';
import * as queries from './mail.queries.ts';
import type { OutboxMail } from './mail.queries.ts';
import type { MailTransport } from './transport.ts';

export type { OutboxMail };
export type OutboxListItem = Awaited<ReturnType<typeof queries.selectOutbox>>[number];

export const MAIL_SEND_JOB = 'mail.send';
/** Lets an admin find a delivered message's outbox row (and its job) from the received mail. */
export const OUTBOX_ID_HEADER = 'X-Miteinander-Outbox-Id';

export interface NewMail {
	to: string;
	locale: string;
	purpose: string;
	subject: string;
	text: string;
	html: string;
	attachments?: MailAttachment[];
}

/**
 * Stores the mail and enqueues its sending. Pass the caller's transaction so that the mail exists
 * only if what caused it was committed; on its own it is atomic as well (a savepoint inside a
 * transaction).
 */
export async function queueMail(db: DbOrTx, mail: NewMail): Promise<number> {
	return db.transaction(async (tx) => {
		const outboxId = await queries.insertOutbox(tx, { ...mail, status: 'queued' });
		await enqueueJob(tx, {
			kind: MAIL_SEND_JOB,
			payload: { outboxId },
			dedupeKey: `${MAIL_SEND_JOB}:${outboxId}`
		});
		return outboxId;
	});
}

export function mailJobHandlers(db: Db, options: { transport: MailTransport; from: string }): JobHandlers {
	return {
		[MAIL_SEND_JOB]: (payload, job) => sendOutboxMail(db, options, payload, job)
	};
}

async function sendOutboxMail(
	db: Db,
	options: { transport: MailTransport; from: string },
	payload: Record<string, unknown>,
	job: JobInfo
) {
	const id = payload.outboxId;
	if (typeof id !== 'number' || !Number.isInteger(id)) throw new Error('mail.send: payload has no outboxId');
	const mail = await queries.findOutbox(db, id);
	if (!mail) throw new Error(`mail.send: outbox mail ${id} does not exist`);
	// A job may run again (a retry after a crash, an admin's retry): a mail goes out at most once.
	if (mail.status === 'sent' || mail.status === 'stored') return;
	if (!options.transport) {
		await queries.markOutboxStored(db, id);
		return;
	}
	try {
		await options.transport.sendMail({
			from: options.from,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			attachments: mail.attachments.map((a) => ({
				filename: a.filename,
				contentType: a.contentType,
				content: a.content
			})),
			headers: { [OUTBOX_ID_HEADER]: String(id) }
		});
	} catch (error) {
		// The queue marks the job failed after this attempt; the row says so too.
		const status = job.attempts >= job.maxAttempts ? 'failed' : 'queued';
		await queries.markOutboxError(db, id, errorMessage(error), status);
		throw error;
	}
	await queries.markOutboxSent(db, id, new Date());
}

/** For the admin view (the calling service checks access): newest first, without the bodies. */
export async function listOutbox(
	db: DbOrTx,
	page: { limit?: number; offset?: number } = {}
): Promise<OutboxListItem[]> {
	const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
	return queries.selectOutbox(db, limit, Math.max(page.offset ?? 0, 0));
}

/** One mail with its bodies, for the admin view; null when it does not exist. */
export async function getOutboxMail(db: DbOrTx, id: number): Promise<OutboxMail | null> {
	return (await queries.findOutbox(db, id)) ?? null;
}
