import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { pages, pageTranslations } from '#lib/server/db/schema/index.ts';

export async function findPageWithTranslations(db: DbOrTx, slug: string, kind: 'page' | 'news' = 'page') {
	const rows = await db
		.select({ page: pages, translation: pageTranslations })
		.from(pages)
		.leftJoin(pageTranslations, eq(pageTranslations.pageId, pages.id))
		.where(and(eq(pages.slug, slug), eq(pages.kind, kind)));
	const first = rows[0];
	if (!first) return undefined;
	return {
		page: first.page,
		translations: rows.flatMap((row) => (row.translation ? [row.translation] : []))
	};
}

export async function pageSlugExists(db: DbOrTx, slug: string) {
	const rows = await db.select({ id: pages.id }).from(pages).where(eq(pages.slug, slug)).limit(1);
	return rows.length > 0;
}

export async function insertPage(db: DbOrTx, slug: string) {
	const [row] = await db.insert(pages).values({ slug }).returning();
	return row!;
}

export async function insertTranslation(db: DbOrTx, values: typeof pageTranslations.$inferInsert) {
	await db.insert(pageTranslations).values(values);
}

export async function updateSourceText(
	db: DbOrTx,
	pageId: number,
	locale: string,
	values: { title: string; summary: string; body: string; sourceRevision: number }
) {
	await db
		.update(pageTranslations)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(pageTranslations.pageId, pageId), eq(pageTranslations.locale, locale)));
}

export async function setPageRevision(db: DbOrTx, pageId: number, sourceRevision: number) {
	await db
		.update(pages)
		.set({ sourceRevision, updatedAt: new Date() })
		.where(eq(pages.id, pageId));
}
