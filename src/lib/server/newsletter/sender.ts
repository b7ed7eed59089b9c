import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import type { Db } from '#lib/server/db/client.ts';
import { enqueueJob, errorMessage, type JobHandlers } from '#lib/server/jobs/jobs.service.ts';
import { insertOutbox } from '#lib/server/mail/mail.queries.ts';
import type { MailTransport } from '#lib/server/mail/transport.ts';
import * as queries from './newsletter.queries.ts';
import { newsletterUrl } from './links.ts';
import { personalise, renderIssue, type RenderedIssue } from './render.ts';

export const NEWSLETTER_SEND_JOB = 'newsletter.send';
export const NEWSLETTER_ISSUE_HEADER = 'X-Miteinander-Newsletter';
/** Deliveries claimed longer ago than this belong to a sender that died (the job lock is 5 min). */
export const CLAIM_STALE_MS = 5 * 60_000;
export const BATCH_SIZE = 100;

export interface SenderOptions {
	transport: MailTransport;
	from: string;
}

/**
 * After a crash: of the deliveries a dead sender had claimed, all before the first were marked sent
 * and all after it were never tried (a batch goes out one by one, in id order); the first may or
 * may not have left. It is marked failed — never sent twice — and the others go back to the queue.
 */
export async function recoverInterrupted(db: Db, issueId: number, staleBefore: Date) {
	const claimed = await queries.claimedDeliveries(db, issueId);
	if (!claimed.length) return { uncertain: 0, requeued: 0, busy: false };
	if (claimed.some((d) => d.claimedAt && d.claimedAt > staleBefore))
		return { uncertain: 0, requeued: 0, busy: true };
	const [first, ...rest] = claimed;
	await queries.markDelivery(db, issueId, first!.subscriberId, {
		status: 'failed',
		error: 'interrupted while sending: may have been delivered, not sent again'
	});
	await queries.requeue(
		db,
		issueId,
		rest.map((d) => d.subscriberId)
	);
	return { uncertain: 1, requeued: rest.length, busy: false };
}

/**
 * Sends the next batch of an issue: claims it, sends one mail after the other and marks each one
 * sent (or failed) right after. Returns what is left.
 */
export async function sendBatch(db: Db, options: SenderOptions, issueId: number, batchSize = BATCH_SIZE) {
	const issue = await queries.findIssue(db, issueId);
	if (!issue || issue.status !== 'sending') return { sent: 0, failed: 0, remaining: 0 };
	const origin = issue.origin;
	const claimed = await queries.claimDeliveries(db, issueId, batchSize, new Date());
	const rendered = new Map<string, RenderedIssue>();
	const ctx = { db, actor: ANONYMOUS };
	let sent = 0;
	let failed = 0;
	for (const delivery of claimed) {
		let mail = rendered.get(delivery.locale);
		if (!mail) {
			mail = await renderIssue(ctx, issue, delivery.locale, origin);
			rendered.set(delivery.locale, mail);
		}
		const subscriber = { id: delivery.subscriber_id, signupAt: new Date(0), locale: delivery.locale };
		const oneClick = await newsletterUrl(db, origin, '/newsletter/ein-klick', subscriber);
		const personal = personalise(mail, {
			unsubscribe: await newsletterUrl(db, origin, '/newsletter/abmelden', subscriber),
			settings: await newsletterUrl(db, origin, '/newsletter/einstellungen', subscriber)
		});
		try {
			if (options.transport) {
				await options.transport.sendMail({
					from: options.from,
					to: delivery.email,
					subject: personal.subject,
					text: personal.text,
					html: personal.html,
					headers: {
						'List-Unsubscribe': `<${oneClick}>`,
						'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
						[NEWSLETTER_ISSUE_HEADER]: String(issueId)
					}
				});
			} else {
				// Without SMTP (the embedded default) mails are kept in the outbox for admins to read.
				await insertOutbox(db, {
					to: delivery.email,
					locale: mail.locale,
					purpose: 'newsletter_issue',
					subject: personal.subject,
					text: personal.text,
					html: personal.html,
					status: 'stored'
				});
			}
			await queries.markDelivery(db, issueId, delivery.subscriber_id, { status: 'sent', sentAt: new Date() });
			sent++;
		} catch (error) {
			await queries.markDelivery(db, issueId, delivery.subscriber_id, {
				status: 'failed',
				error: errorMessage(error)
			});
			failed++;
		}
	}
	const counts = await queries.deliveryCounts(db, issueId);
	const remaining = counts.queued + counts.claimed;
	if (remaining === 0) await queries.updateIssue(db, issueId, { status: 'sent', finishedAt: new Date() });
	return { sent, failed, remaining };
}

/** One job per batch; the next one is due when the rate allows. */
export function newsletterJobHandlers(db: Db, options: SenderOptions): JobHandlers {
	return {
		[NEWSLETTER_SEND_JOB]: async (payload) => {
			const issueId = Number(payload.issueId);
			const batch = Number(payload.batch ?? 0);
			const issue = await queries.findIssue(db, issueId);
			if (!issue || issue.status !== 'sending') return;
			const recovery = await recoverInterrupted(db, issueId, new Date(Date.now() - CLAIM_STALE_MS));
			if (recovery.busy) {
				// Another sender holds a batch (or died moments ago): look again when its claim is stale.
				await enqueueJob(db, {
					kind: NEWSLETTER_SEND_JOB,
					payload: { issueId, batch: batch + 1 },
					dedupeKey: `${NEWSLETTER_SEND_JOB}:${issueId}:${batch + 1}`,
					runAt: new Date(Date.now() + CLAIM_STALE_MS)
				});
				return;
			}
			const started = Date.now();
			const size = Math.max(1, Math.min(BATCH_SIZE, issue.ratePerMinute));
			const result = await sendBatch(db, options, issueId, size);
			if (result.remaining > 0) {
				await enqueueJob(db, {
					kind: NEWSLETTER_SEND_JOB,
					payload: { issueId, batch: batch + 1 },
					dedupeKey: `${NEWSLETTER_SEND_JOB}:${issueId}:${batch + 1}`,
					runAt: new Date(started + (size * 60_000) / issue.ratePerMinute)
				});
			}
		}
	};
}
