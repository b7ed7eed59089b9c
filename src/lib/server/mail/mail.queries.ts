import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { outbox } from '#lib/server/db/schema/index.ts';

export type OutboxMail = typeof outbox.$inferSelect;

export async function insertOutbox(db: DbOrTx, values: typeof outbox.$inferInsert): Promise<number> {
	const [row] = await db.insert(outbox).values(values).returning({ id: outbox.id });
	return row!.id;
}

export async function findOutbox(db: DbOrTx, id: number): Promise<OutboxMail | undefined> {
	const [row] = await db.select().from(outbox).where(eq(outbox.id, id)).limit(1);
	return row;
}

export async function markOutboxSent(db: DbOrTx, id: number, sentAt: Date) {
	await db.update(outbox).set({ status: 'sent', sentAt, error: null }).where(eq(outbox.id, id));
}

export async function markOutboxStored(db: DbOrTx, id: number) {
	await db.update(outbox).set({ status: 'stored' }).where(eq(outbox.id, id));
}

/** Keeps the last send error; `failed` once the queue gives up, otherwise it stays `queued`. */
export async function markOutboxError(db: DbOrTx, id: number, error: string, status: 'queued' | 'failed') {
	await db.update(outbox).set({ status, error }).where(eq(outbox.id, id));
}

/** The list without the bodies, newest first. */
export async function selectOutbox(db: DbOrTx, limit: number, offset: number) {
	return db
		.select({
			id: outbox.id,
			to: outbox.to,
			locale: outbox.locale,
			purpose: outbox.purpose,
			subject: outbox.subject,
			status: outbox.status,
			error: outbox.error,
			createdAt: outbox.createdAt,
			sentAt: outbox.sentAt
		})
		.from(outbox)
		.orderBy(desc(outbox.id))
		.limit(limit)
		.offset(offset);
}
