import { BASE_LOCALE, LOCALES, type Locale } from '#lib/i18n/locales.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { Conflict, Invalid, NotFound } from '#lib/server/errors.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { slugify } from '#lib/server/directory/slug.ts';
import { diffWords, type DiffPart } from './diff.ts';
import * as queries from './editor.queries.ts';
import { renderMarkdown } from './markdown.ts';
import { translationStatus, type TranslationStatus } from './translation-status.ts';

export interface PageText {
	title: string;
	summary: string;
	body: string;
}

/** Paths that are routes of their own: a page may not take them. */
const RESERVED_SLUGS = new Set([
	'admin', 'konto', 'verzeichnis', 'veranstaltungen', 'aktuelles', 'newsletter', 'kontakt', 'impressum',
	'anmelden', 'abmelden', 'registrieren', 'sprache', 'mitglied-werden', 'einladung', 'healthz', 'medien',
	'sitemap.xml', 'datenschutz', 'start', 'bescheinigung', 'passwort-vergessen', 'passwort-neu',
	'email-bestaetigen', 'email-aendern', 'en', 'uk', 'ru', 'ar', 'fa', 'pl', 'vi', 'tr', 'de'
]);

async function load(ctx: ServiceContext, pageId: number) {
	requireAccess(ctx.actor, 'content.edit');
	const row = await queries.findPage(ctx.db, pageId);
	if (!row) throw new NotFound(`page ${pageId}`);
	return row;
}

export async function listContent(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'content.edit');
	return queries.listAll(ctx.db);
}

export interface TranslationOverview {
	locale: Locale;
	status: TranslationStatus | 'source';
	reviewed: boolean;
}

export async function getForEdit(ctx: ServiceContext, pageId: number) {
	const row = await load(ctx, pageId);
	const translations = await queries.translationsOf(ctx.db, pageId);
	const byLocale = new Map(translations.map((t) => [t.locale, t]));
	return {
		...row,
		source: byLocale.get(BASE_LOCALE) ?? null,
		translations: LOCALES.map(
			(locale): TranslationOverview => ({
				locale,
				status: locale === BASE_LOCALE ? 'source' : translationStatus(row.page.sourceRevision, byLocale.get(locale)),
				reviewed: byLocale.get(locale)?.reviewed ?? false
			})
		)
	};
}

/** Stores a text and records it as a revision (who, when, which source revision). */
async function storeText(
	db: DbOrTx,
	ctx: ServiceContext,
	pageId: number,
	locale: Locale,
	text: PageText,
	sourceRevision: number,
	options: { minor: boolean; reviewed: boolean }
) {
	await queries.upsertTranslation(db, { pageId, locale, ...text, sourceRevision, reviewed: options.reviewed });
	await queries.insertRevision(db, {
		pageId,
		locale,
		...text,
		sourceRevision,
		minor: options.minor,
		authorId: ctx.actor.userId
	});
}

/**
 * Saves the German source. A substantive change raises the source revision, so translations
 * become outdated; a minor edit (typo, link) keeps it.
 */
export async function saveSource(ctx: ServiceContext, pageId: number, text: PageText, options: { minor: boolean }) {
	const row = await load(ctx, pageId);
	await ctx.db.transaction(async (tx) => {
		const previous = (await queries.translationsOf(tx, pageId)).find((t) => t.locale === BASE_LOCALE);
		const changed =
			!previous || previous.title !== text.title || previous.summary !== text.summary || previous.body !== text.body;
		if (!changed) return;
		const sourceRevision =
			previous && !options.minor ? row.page.sourceRevision + 1 : row.page.sourceRevision;
		if (previous && !(await queries.sourceAtRevision(tx, pageId, BASE_LOCALE, row.page.sourceRevision))) {
			// Seeded texts have no revision yet: keep the old text, so diffs can show what changed.
			await queries.insertRevision(tx, {
				pageId,
				locale: BASE_LOCALE,
				title: previous.title,
				summary: previous.summary,
				body: previous.body,
				sourceRevision: row.page.sourceRevision,
				authorId: null
			});
		}
		await queries.updatePage(tx, pageId, { sourceRevision });
		await storeText(tx, ctx, pageId, BASE_LOCALE, text, sourceRevision, { minor: options.minor, reviewed: true });
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'content.save',
			subjectType: 'page',
			subjectId: pageId,
			details: { minor: options.minor }
		});
	});
	invalidatePageCache();
}

/** A free slug for a new news item, from its title. */
async function freeSlug(db: DbOrTx, title: string) {
	const base = slugify(title).slice(0, 80) || 'meldung';
	for (let n = 1; n < 1000; n++) {
		const slug = n === 1 ? base : `${base}-${n}`;
		if (RESERVED_SLUGS.has(slug)) continue;
		if (!(await queries.findPageBySlug(db, slug))) return slug;
	}
	throw new Conflict('errors_generic');
}

/**
 * A new page at `/<slug>`, published with its German text (pages have no drafts: they are linked
 * from the navigation or other pages once they exist).
 */
export async function createPage(ctx: ServiceContext, slug: string, text: PageText) {
	requireAccess(ctx.actor, 'content.edit');
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) throw new Invalid('content_slug_invalid', slug, 'slug');
	if (RESERVED_SLUGS.has(slug) || (await queries.findPageBySlug(ctx.db, slug)))
		throw new Invalid('content_slug_taken', slug, 'slug');
	return ctx.db.transaction(async (tx) => {
		const page = await queries.insertPage(tx, { slug, kind: 'page' });
		await storeText(tx, ctx, page.id, BASE_LOCALE, text, page.sourceRevision, { minor: false, reviewed: true });
		await audit(tx, { actorId: ctx.actor.userId, action: 'content.create', subjectType: 'page', subjectId: page.id });
		invalidatePageCache();
		return page.id;
	});
}

/** A new news item, as a draft (no publication time). */
export async function createNews(ctx: ServiceContext, text: PageText) {
	requireAccess(ctx.actor, 'content.edit');
	const id = await ctx.db.transaction(async (tx) => {
		const page = await queries.insertPage(tx, { slug: await freeSlug(tx, text.title), kind: 'news' });
		await queries.upsertNewsDetails(tx, { pageId: page.id, authorId: ctx.actor.userId, categories: [] });
		await storeText(tx, ctx, page.id, BASE_LOCALE, text, page.sourceRevision, { minor: false, reviewed: true });
		await audit(tx, { actorId: ctx.actor.userId, action: 'content.create', subjectType: 'page', subjectId: page.id });
		return page.id;
	});
	return id;
}

export interface NewsSettings {
	/** Null: draft. In the future: scheduled. */
	publishAt: Date | null;
	categories: string[];
	mediaId: number | null;
	showAuthor: boolean;
}

/** Publication time, categories, picture (its German description is required) and author line. */
export async function saveNewsSettings(ctx: ServiceContext, pageId: number, settings: NewsSettings) {
	const row = await load(ctx, pageId);
	if (row.page.kind !== 'news') throw new NotFound(`news ${pageId}`);
	if (settings.mediaId !== null) {
		const picture = await queries.findMedia(ctx.db, settings.mediaId);
		if (!picture) throw new Invalid('forms_invalid', 'media', 'mediaId');
		if (!picture.alt[BASE_LOCALE]?.trim()) throw new Invalid('content_media_alt_missing', 'alt', 'mediaId');
	}
	await queries.upsertNewsDetails(ctx.db, { pageId, ...settings });
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'content.news_settings',
		subjectType: 'page',
		subjectId: pageId,
		details: { publishAt: settings.publishAt?.toISOString() ?? null }
	});
	invalidatePageCache();
}

export async function getTranslationView(ctx: ServiceContext, pageId: number, locale: Locale) {
	if (locale === BASE_LOCALE) throw new NotFound('source locale');
	const row = await load(ctx, pageId);
	const translations = await queries.translationsOf(ctx.db, pageId);
	const source = translations.find((t) => t.locale === BASE_LOCALE);
	if (!source) throw new NotFound(`page ${pageId} has no source`);
	const translation = translations.find((t) => t.locale === locale) ?? null;
	const status = translationStatus(row.page.sourceRevision, translation ?? undefined);
	// What changed in the source since the translation was made, where that text is recorded.
	let sourceChanges: { title: DiffPart[]; summary: DiffPart[]; body: DiffPart[] } | null = null;
	if (translation && status === 'outdated') {
		const then = await queries.sourceAtRevision(ctx.db, pageId, BASE_LOCALE, translation.sourceRevision);
		if (then)
			sourceChanges = {
				title: diffWords(then.title, source.title),
				summary: diffWords(then.summary, source.summary),
				body: diffWords(then.body, source.body)
			};
	}
	return { page: row.page, source, translation, status, sourceChanges };
}

export async function saveTranslation(
	ctx: ServiceContext,
	pageId: number,
	locale: Locale,
	text: PageText & { reviewed: boolean }
) {
	if (locale === BASE_LOCALE) throw new Conflict('errors_generic');
	const row = await load(ctx, pageId);
	await ctx.db.transaction(async (tx) => {
		await storeText(tx, ctx, pageId, locale, text, row.page.sourceRevision, { minor: false, reviewed: text.reviewed });
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'content.translate',
			subjectType: 'page',
			subjectId: pageId,
			details: { locale }
		});
	});
	invalidatePageCache();
}

export async function listRevisions(ctx: ServiceContext, pageId: number) {
	const row = await load(ctx, pageId);
	return { page: row.page, revisions: await queries.revisionsOf(ctx.db, pageId) };
}

/** A revision compared with the one before it (same language). */
export async function getRevision(ctx: ServiceContext, revisionId: number) {
	requireAccess(ctx.actor, 'content.edit');
	const revision = await queries.findRevision(ctx.db, revisionId);
	if (!revision) throw new NotFound(`revision ${revisionId}`);
	const previous = await queries.previousRevision(ctx.db, revision);
	const empty = { title: '', summary: '', body: '' };
	const before = previous ?? empty;
	return {
		revision,
		previous: previous ?? null,
		diff: {
			title: diffWords(before.title, revision.title),
			summary: diffWords(before.summary, revision.summary),
			body: diffWords(before.body, revision.body)
		}
	};
}

/** Makes an old text current again (as a new revision; a German restore counts as substantive). */
export async function restoreRevision(ctx: ServiceContext, revisionId: number) {
	const { revision } = await getRevision(ctx, revisionId);
	const text = { title: revision.title, summary: revision.summary, body: revision.body };
	if (revision.locale === BASE_LOCALE) await saveSource(ctx, revision.pageId, text, { minor: false });
	else await saveTranslation(ctx, revision.pageId, revision.locale as Locale, { ...text, reviewed: false });
	return revision.pageId;
}

/** The server's rendering of Markdown, exactly as the page will show it (sanitized). */
export function previewMarkdown(ctx: ServiceContext, markdown: string): string {
	requireAccess(ctx.actor, 'content.edit');
	return renderMarkdown(markdown);
}
