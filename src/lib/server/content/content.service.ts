import { BASE_LOCALE, LOCALES, isLocale, localizePath, textDirection, type Locale } from '#lib/i18n/locales.ts';
import { isolateLatinRuns } from '#lib/i18n/bidi.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './content.queries.ts';
import { localizeInternalLinks, renderMarkdown } from './markdown.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { translationStatus, type TranslationStatus } from './translation-status.ts';

export interface PageView {
	slug: string;
	/** The locale of the text shown: the requested one, or German when that is missing. */
	locale: Locale;
	title: string;
	summary: string;
	html: string;
	/** Status of the requested locale's translation. */
	status: TranslationStatus;
	/** False while no editor has checked the translation shown. */
	reviewed: boolean;
	/** Locales with a text for this page, source first. */
	available: Locale[];
}

const htmlCache = new Map<string, string>();

// Rendering Markdown is the costliest step of a page view; texts only change with updatedAt.
function cachedHtml(key: string, markdown: string, textLocale: Locale, visitorLocale: Locale) {
	let html = htmlCache.get(key);
	if (html === undefined) {
		if (htmlCache.size > 2000) htmlCache.clear();
		// Links lead to pages in the visitor's language, even when the text shown is the German one.
		html = localizeInternalLinks(renderMarkdown(markdown), (path) => localizePath(path, visitorLocale));
		if (textDirection(textLocale) === 'rtl') html = isolateLatinRuns(html);
		htmlCache.set(key, html);
	}
	return html;
}

/** A published page in the visitor's language, falling back to the German source. */
export async function getPage(ctx: ServiceContext, slug: string, locale: Locale): Promise<PageView> {
	requireAccess(ctx.actor, 'content.read');
	const found = await queries.findPageWithTranslations(ctx.db, slug);
	if (!found) throw new NotFound(`page ${slug}`);
	const { page, translations } = found;
	const byLocale = new Map(translations.filter((t) => isLocale(t.locale)).map((t) => [t.locale as Locale, t]));
	const requested = byLocale.get(locale);
	const status = locale === BASE_LOCALE ? 'current' : translationStatus(page.sourceRevision, requested);
	const shown = requested ?? byLocale.get(BASE_LOCALE);
	if (!shown) throw new NotFound(`page ${slug} has no source text`);
	return {
		slug,
		locale: shown.locale as Locale,
		title: shown.title,
		summary: shown.summary,
		html: cachedHtml(`${shown.id}:${shown.updatedAt.getTime()}:${locale}`, shown.body, shown.locale as Locale, locale),
		status,
		reviewed: shown.reviewed,
		available: LOCALES.filter((l) => byLocale.has(l))
	};
}

export interface SourceEdit {
	title: string;
	summary: string;
	body: string;
	/** A minor edit (typo, formatting) does not mark the translations outdated. */
	minor: boolean;
}

/** Edits the German source text; a substantive edit makes every translation outdated. */
export async function editSourceText(ctx: ServiceContext, slug: string, edit: SourceEdit) {
	requireAccess(ctx.actor, 'content.edit');
	await ctx.db.transaction(async (tx) => {
		const found = await queries.findPageWithTranslations(tx, slug);
		if (!found) throw new NotFound(`page ${slug}`);
		const revision = edit.minor ? found.page.sourceRevision : found.page.sourceRevision + 1;
		await queries.setPageRevision(tx, found.page.id, revision);
		await queries.updateSourceText(tx, found.page.id, found.page.sourceLocale, {
			title: edit.title,
			summary: edit.summary,
			body: edit.body,
			sourceRevision: revision
		});
	});
	invalidatePageCache();
}
