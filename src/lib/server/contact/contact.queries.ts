import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { contactMessages, type ContactStatus } from '#lib/server/db/schema/index.ts';

export async function insertMessage(db: DbOrTx, values: typeof contactMessages.$inferInsert) {
	const [row] = await db.insert(contactMessages).values(values).returning({ id: contactMessages.id });
	return row!.id;
}

export async function selectMessages(
	db: DbOrTx,
	status: ContactStatus | undefined,
	limit: number,
	offset: number
) {
	return db
		.select({
			id: contactMessages.id,
			name: contactMessages.name,
			subject: contactMessages.subject,
			status: contactMessages.status,
			createdAt: contactMessages.createdAt
		})
		.from(contactMessages)
		.where(status ? eq(contactMessages.status, status) : undefined)
		.orderBy(desc(contactMessages.createdAt), desc(contactMessages.id))
		.limit(limit)
		.offset(offset);
}

export async function findMessage(db: DbOrTx, id: number) {
	const [row] = await db.select().from(contactMessages).where(eq(contactMessages.id, id));
	return row;
}

export async function markAnswered(db: DbOrTx, id: number, by: number | null) {
	await db
		.update(contactMessages)
		.set({ status: 'answered', answeredAt: new Date(), answeredBy: by })
		.where(and(eq(contactMessages.id, id), eq(contactMessages.status, 'new')));
}
