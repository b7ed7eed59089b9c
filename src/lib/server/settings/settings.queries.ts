import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { associationSettings } from '#lib/server/db/schema/index.ts';

export type SettingsRow = typeof associationSettings.$inferSelect;

export async function findSettings(db: DbOrTx): Promise<SettingsRow | undefined> {
	const [row] = await db.select().from(associationSettings).where(eq(associationSettings.id, 1));
	return row;
}

export async function insertSettingsIfMissing(
	db: DbOrTx,
	values: Omit<typeof associationSettings.$inferInsert, 'id'>
) {
	await db
		.insert(associationSettings)
		.values({ ...values, id: 1 })
		.onConflictDoNothing();
}

export async function updateSettings(
	db: DbOrTx,
	values: Partial<Omit<typeof associationSettings.$inferInsert, 'id'>>
) {
	await db
		.update(associationSettings)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(associationSettings.id, 1));
}
