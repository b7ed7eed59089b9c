import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	serial,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * A CMS page. The German text is the source; `sourceRevision` counts its substantive edits so
 * that every translation can say which source revision it was made from (current / outdated).
 */
export const pages = pgTable('pages', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	/** Pages live at /<slug>, news at /aktuelles/<slug>. */
	kind: text('kind').$type<'page' | 'news'>().notNull().default('page'),
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

export const PAGE_KINDS = ['page', 'news'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/**
 * What news add to a page: teaser (the summary), categories, picture from the media library,
 * publication time (scheduled when in the future) and whether the author is shown.
 */
export const newsDetails = pgTable('news_details', {
	pageId: integer('page_id')
		.primaryKey()
		.references(() => pages.id, { onDelete: 'cascade' }),
	/** Null while a draft; a future time schedules the publication. */
	publishAt: timestamp('publish_at', { withTimezone: true }),
	categories: text('categories')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	mediaId: integer('media_id').references(() => media.id, { onDelete: 'set null' }),
	authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
	showAuthor: boolean('show_author').notNull().default(false)
});

/** Every saved text of a page or news item, per locale: who and when, for diffs and restore. */
export const pageRevisions = pgTable(
	'page_revisions',
	{
		id: serial('id').primaryKey(),
		pageId: integer('page_id')
			.notNull()
			.references(() => pages.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		body: text('body').notNull(),
		/** The source revision the text belongs to (for German: the one it created or kept). */
		sourceRevision: integer('source_revision').notNull(),
		minor: boolean('minor').notNull().default(false),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('page_revisions_page_idx').on(t.pageId, t.locale, t.id)]
);

export interface MediaVariant {
	width: number;
	height: number;
	webp: string;
	jpeg: string;
}

/** An uploaded picture: re-encoded variants (WebP and a JPEG fallback) and a text per language. */
export const media = pgTable('media', {
	id: serial('id').primaryKey(),
	name: text('name').notNull(),
	width: integer('width').notNull(),
	height: integer('height').notNull(),
	variants: jsonb('variants').$type<MediaVariant[]>().notNull(),
	alt: jsonb('alt').$type<Record<string, string>>().notNull().default({}),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
