import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { media, newsDetails, pageRevisions, pages, pageTranslations, users } from '#lib/server/db/schema/index.ts';

export type PageRow = typeof pages.$inferSelect;
export type TranslationRow = typeof pageTranslations.$inferSelect;
export type RevisionRow = typeof pageRevisions.$inferSelect;
export type NewsDetailsRow = typeof newsDetails.$inferSelect;
export type MediaRow = typeof media.$inferSelect;

export async function findPage(db: DbOrTx, id: number) {
	const [row] = await db
		.select({ page: pages, news: newsDetails })
		.from(pages)
		.leftJoin(newsDetails, eq(newsDetails.pageId, pages.id))
		.where(eq(pages.id, id));
	return row;
}

export async function translationsOf(db: DbOrTx, pageId: number) {
	return db.select().from(pageTranslations).where(eq(pageTranslations.pageId, pageId));
}

export async function upsertTranslation(db: DbOrTx, values: typeof pageTranslations.$inferInsert) {
	await db
		.insert(pageTranslations)
		.values(values)
		.onConflictDoUpdate({
			target: [pageTranslations.pageId, pageTranslations.locale],
			set: {
				title: values.title,
				summary: values.summary,
				body: values.body,
				sourceRevision: values.sourceRevision,
				reviewed: values.reviewed,
				updatedAt: new Date()
			}
		});
}

export async function updatePage(db: DbOrTx, id: number, values: Partial<typeof pages.$inferInsert>) {
	await db
		.update(pages)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(pages.id, id));
}

export async function insertRevision(db: DbOrTx, values: typeof pageRevisions.$inferInsert) {
	const [row] = await db.insert(pageRevisions).values(values).returning();
	return row!;
}

export async function revisionsOf(db: DbOrTx, pageId: number) {
	return db
		.select({ revision: pageRevisions, authorName: users.name })
		.from(pageRevisions)
		.leftJoin(users, eq(users.id, pageRevisions.authorId))
		.where(eq(pageRevisions.pageId, pageId))
		.orderBy(desc(pageRevisions.id))
		.limit(200);
}

export async function findRevision(db: DbOrTx, id: number) {
	const [row] = await db.select().from(pageRevisions).where(eq(pageRevisions.id, id));
	return row;
}

/** The revision before this one, same page and locale. */
export async function previousRevision(db: DbOrTx, revision: RevisionRow) {
	const [row] = await db
		.select()
		.from(pageRevisions)
		.where(
			and(
				eq(pageRevisions.pageId, revision.pageId),
				eq(pageRevisions.locale, revision.locale),
				sql`${pageRevisions.id} < ${revision.id}`
			)
		)
		.orderBy(desc(pageRevisions.id))
		.limit(1);
	return row;
}

/** The German text as it was at a source revision (its last save with that revision). */
export async function sourceAtRevision(db: DbOrTx, pageId: number, locale: string, sourceRevision: number) {
	const [row] = await db
		.select()
		.from(pageRevisions)
		.where(
			and(
				eq(pageRevisions.pageId, pageId),
				eq(pageRevisions.locale, locale),
				eq(pageRevisions.sourceRevision, sourceRevision)
			)
		)
		.orderBy(desc(pageRevisions.id))
		.limit(1);
	return row;
}

export async function listAll(db: DbOrTx) {
	return db
		.select({
			page: pages,
			news: newsDetails,
			title: pageTranslations.title
		})
		.from(pages)
		.leftJoin(newsDetails, eq(newsDetails.pageId, pages.id))
		.leftJoin(pageTranslations, and(eq(pageTranslations.pageId, pages.id), eq(pageTranslations.locale, 'de')))
		.orderBy(asc(pages.kind), desc(pages.updatedAt));
}

export async function insertPage(db: DbOrTx, values: typeof pages.$inferInsert) {
	const [row] = await db.insert(pages).values(values).returning();
	return row!;
}

export async function upsertNewsDetails(db: DbOrTx, values: typeof newsDetails.$inferInsert) {
	await db
		.insert(newsDetails)
		.values(values)
		.onConflictDoUpdate({
			target: newsDetails.pageId,
			set: {
				publishAt: values.publishAt,
				categories: values.categories,
				mediaId: values.mediaId,
				showAuthor: values.showAuthor
			}
		});
}

/** Published news (publication time reached), newest first, with the text in one locale. */
export async function publishedNews(
	db: DbOrTx,
	now: Date,
	options: { limit: number; offset?: number; category?: string; ids?: number[] }
) {
	const conditions = [
		eq(pages.kind, 'news'),
		isNotNull(newsDetails.publishAt),
		lte(newsDetails.publishAt, now),
		...(options.category ? [sql`${options.category} = any(${newsDetails.categories})`] : []),
		...(options.ids ? [inArray(pages.id, options.ids.length ? options.ids : [-1])] : [])
	];
	return db
		.select({ page: pages, news: newsDetails, authorName: users.name, media })
		.from(pages)
		.innerJoin(newsDetails, eq(newsDetails.pageId, pages.id))
		.leftJoin(users, eq(users.id, newsDetails.authorId))
		.leftJoin(media, eq(media.id, newsDetails.mediaId))
		.where(and(...conditions))
		.orderBy(desc(newsDetails.publishAt), desc(pages.id))
		.limit(options.limit)
		.offset(options.offset ?? 0);
}

export async function translationsFor(db: DbOrTx, pageIds: number[]) {
	if (!pageIds.length) return [];
	return db.select().from(pageTranslations).where(inArray(pageTranslations.pageId, pageIds));
}

export async function allPublicPages(db: DbOrTx) {
	return db.select().from(pages).where(eq(pages.kind, 'page'));
}

// Media

export async function insertMedia(db: DbOrTx, values: typeof media.$inferInsert) {
	const [row] = await db.insert(media).values(values).returning();
	return row!;
}

export async function findMedia(db: DbOrTx, id: number) {
	const [row] = await db.select().from(media).where(eq(media.id, id));
	return row;
}

export async function listMedia(db: DbOrTx) {
	return db.select().from(media).orderBy(desc(media.id)).limit(200);
}

export async function updateMediaAlt(db: DbOrTx, id: number, alt: Record<string, string>) {
	await db.update(media).set({ alt }).where(eq(media.id, id));
}

export async function deleteMedia(db: DbOrTx, id: number) {
	await db.delete(media).where(eq(media.id, id));
}

export async function findPageBySlug(db: DbOrTx, slug: string) {
	const [row] = await db.select().from(pages).where(eq(pages.slug, slug));
	return row;
}

export async function setMediaVariants(db: DbOrTx, id: number, variants: typeof media.$inferInsert['variants']) {
	await db.update(media).set({ variants }).where(eq(media.id, id));
}
