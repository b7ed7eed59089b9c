import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	newsletterDeliveries,
	newsletterIssues,
	newsletterSubscribers
} from '#lib/server/db/schema/index.ts';

export type SubscriberRow = typeof newsletterSubscribers.$inferSelect;
export type IssueRow = typeof newsletterIssues.$inferSelect;

export async function findSubscriberByEmail(db: DbOrTx, email: string) {
	const [row] = await db.select().from(newsletterSubscribers).where(eq(newsletterSubscribers.email, email));
	return row;
}

export async function findSubscriber(db: DbOrTx, id: number) {
	const [row] = await db.select().from(newsletterSubscribers).where(eq(newsletterSubscribers.id, id));
	return row;
}

export async function insertSubscriber(db: DbOrTx, values: typeof newsletterSubscribers.$inferInsert) {
	const [row] = await db.insert(newsletterSubscribers).values(values).returning();
	return row!;
}

export async function updateSubscriber(
	db: DbOrTx,
	id: number,
	values: Partial<typeof newsletterSubscribers.$inferInsert>
) {
	const [row] = await db
		.update(newsletterSubscribers)
		.set(values)
		.where(eq(newsletterSubscribers.id, id))
		.returning();
	return row;
}

export async function subscriberCounts(db: DbOrTx) {
	return db
		.select({ status: newsletterSubscribers.status, n: sql<number>`count(*)::int` })
		.from(newsletterSubscribers)
		.groupBy(newsletterSubscribers.status);
}

/** Unconfirmed sign-ups older than `before` and unsubscribed rows older than `unsubscribedBefore`. */
export async function deleteStaleSubscribers(db: DbOrTx, before: Date, unsubscribedBefore: Date) {
	await db
		.delete(newsletterSubscribers)
		.where(and(eq(newsletterSubscribers.status, 'pending'), lt(newsletterSubscribers.signupAt, before)));
	await db
		.delete(newsletterSubscribers)
		.where(
			and(
				eq(newsletterSubscribers.status, 'unsubscribed'),
				lt(newsletterSubscribers.unsubscribedAt, unsubscribedBefore)
			)
		);
}

export async function insertIssue(db: DbOrTx, values: typeof newsletterIssues.$inferInsert) {
	const [row] = await db.insert(newsletterIssues).values(values).returning();
	return row!;
}

export async function findIssue(db: DbOrTx, id: number) {
	const [row] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
	return row;
}

export async function updateIssue(
	db: DbOrTx,
	id: number,
	values: Partial<typeof newsletterIssues.$inferInsert>
) {
	const [row] = await db
		.update(newsletterIssues)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(newsletterIssues.id, id))
		.returning();
	return row;
}

/** Moves a draft to sending, once (a second click finds it no longer a draft). */
export async function startIssue(db: DbOrTx, id: number, now: Date) {
	const [row] = await db
		.update(newsletterIssues)
		.set({ status: 'sending', startedAt: now, updatedAt: now })
		.where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.status, 'draft')))
		.returning();
	return row;
}

export async function listIssues(db: DbOrTx) {
	return db.select().from(newsletterIssues).orderBy(desc(newsletterIssues.id)).limit(100);
}

/** One delivery per confirmed subscriber with a matching topic (all when the issue has none). */
export async function createDeliveries(db: DbOrTx, issueId: number, topics: string[]) {
	const topicFilter = topics.length
		? sql`and s.topics && ${sql.raw(`ARRAY[${topics.map((t) => `'${t.replace(/'/g, '')}'`).join(',')}]::text[]`)}`
		: sql``;
	await db.execute(sql`
		insert into newsletter_deliveries (issue_id, subscriber_id)
		select ${issueId}, s.id from newsletter_subscribers s
		where s.status = 'confirmed' ${topicFilter}
		order by s.id
		on conflict do nothing`);
}

/** Claims the next queued deliveries of an issue, in id order, with the subscriber's address. */
export async function claimDeliveries(db: DbOrTx, issueId: number, limit: number, now: Date) {
	type Claimed = { id: number; subscriber_id: number; email: string; locale: string };
	const result = (await db.execute(sql`
		with next as (
			select issue_id, subscriber_id from newsletter_deliveries
			where issue_id = ${issueId} and status = 'queued'
			order by id limit ${limit}
			for update skip locked
		)
		update newsletter_deliveries d set status = 'claimed', claimed_at = ${now.toISOString()}
		from next, newsletter_subscribers s
		where d.issue_id = next.issue_id and d.subscriber_id = next.subscriber_id and s.id = d.subscriber_id
		returning d.id, d.subscriber_id, s.email, s.locale`)) as unknown as { rows: Claimed[] };
	return [...result.rows].sort((a, b) => a.id - b.id);
}

export async function markDelivery(
	db: DbOrTx,
	issueId: number,
	subscriberId: number,
	values: { status: 'sent' | 'failed' | 'queued'; sentAt?: Date; error?: string }
) {
	await db
		.update(newsletterDeliveries)
		.set(values)
		.where(
			and(eq(newsletterDeliveries.issueId, issueId), eq(newsletterDeliveries.subscriberId, subscriberId))
		);
}

export async function claimedDeliveries(db: DbOrTx, issueId: number) {
	return db
		.select()
		.from(newsletterDeliveries)
		.where(and(eq(newsletterDeliveries.issueId, issueId), eq(newsletterDeliveries.status, 'claimed')))
		.orderBy(asc(newsletterDeliveries.id));
}

export async function requeue(db: DbOrTx, issueId: number, subscriberIds: number[]) {
	if (!subscriberIds.length) return;
	await db
		.update(newsletterDeliveries)
		.set({ status: 'queued', claimedAt: null })
		.where(
			and(
				eq(newsletterDeliveries.issueId, issueId),
				inArray(newsletterDeliveries.subscriberId, subscriberIds)
			)
		);
}

export async function deliveryCounts(db: DbOrTx, issueId: number) {
	const rows = await db
		.select({ status: newsletterDeliveries.status, n: sql<number>`count(*)::int` })
		.from(newsletterDeliveries)
		.where(eq(newsletterDeliveries.issueId, issueId))
		.groupBy(newsletterDeliveries.status);
	const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
	return { sent: count('sent'), failed: count('failed'), queued: count('queued'), claimed: count('claimed') };
}
