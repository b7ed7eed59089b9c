import { boolean, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A CMS page. The German text is the source; `sourceRevision` counts its substantive edits so
 * that every translation can say which source revision it was made from (current / outdated).
 */
export const pages = pgTable('pages', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	sourceLocale: text('source_locale').notNull().default('de'),
	sourceRevision: integer('source_revision').notNull().default(1),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const pageTranslations = pgTable(
	'page_translations',
	{
		id: serial('id').primaryKey(),
		pageId: integer('page_id')
			.notNull()
			.references(() => pages.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		/** Markdown; rendered and sanitized on the server. */
		body: text('body').notNull(),
		/** The page's source revision this text corresponds to. */
		sourceRevision: integer('source_revision').notNull(),
		/** False for machine or draft translations an editor has not checked yet. */
		reviewed: boolean('reviewed').notNull().default(false),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('page_translations_page_locale_idx').on(t.pageId, t.locale)]
);
