import { BASE_LOCALE, LOCALES, isLocale, localizePath, type Locale } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { NotFound } from '#lib/server/errors.ts';
import { can, requireAccess } from '#lib/server/policy/policy.ts';
import * as contentQueries from './content.queries.ts';
import * as queries from './editor.queries.ts';
import { localizeInternalLinks, renderMarkdown } from './markdown.ts';
import { altText, pictureSources } from './media.service.ts';

export const NEWS_PAGE_SIZE = 10;

export interface NewsItem {
	id: number;
	slug: string;
	locale: Locale;
	title: string;
	teaser: string;
	publishedAt: Date;
	updatedAt: Date;
	categories: string[];
	author: string | null;
	picture: (NonNullable<ReturnType<typeof pictureSources>> & { alt: string }) | null;
	/** Locales with a text, German first. */
	available: Locale[];
}

type NewsRow = Awaited<ReturnType<typeof queries.publishedNews>>[number];

async function toItems(ctx: ServiceContext, rows: NewsRow[], locale: Locale): Promise<NewsItem[]> {
	const translations = await queries.translationsFor(
		ctx.db,
		rows.map((r) => r.page.id)
	);
	return rows.flatMap((row) => {
		const mine = translations.filter((t) => t.pageId === row.page.id);
		const text = mine.find((t) => t.locale === locale) ?? mine.find((t) => t.locale === BASE_LOCALE);
		if (!text) return [];
		const sources = row.media ? pictureSources(row.media) : null;
		return [
			{
				id: row.page.id,
				slug: row.page.slug,
				locale: text.locale as Locale,
				title: text.title,
				teaser: text.summary,
				publishedAt: row.news.publishAt!,
				updatedAt: row.page.updatedAt,
				categories: row.news.categories,
				author: row.news.showAuthor ? row.authorName : null,
				picture: sources && row.media ? { ...sources, alt: altText(row.media, locale) } : null,
				available: LOCALES.filter((l) => mine.some((t) => t.locale === l))
			}
		];
	});
}

/** Published news, newest first (what is scheduled appears once its time has come). */
export async function listNews(
	ctx: ServiceContext,
	locale: Locale,
	options: { page?: number; category?: string; limit?: number } = {},
	now = new Date()
) {
	requireAccess(ctx.actor, 'content.read');
	const limit = options.limit ?? NEWS_PAGE_SIZE;
	const rows = await queries.publishedNews(ctx.db, now, {
		limit: limit + 1,
		offset: ((options.page ?? 1) - 1) * limit,
		category: options.category
	});
	return { items: await toItems(ctx, rows.slice(0, limit), locale), hasMore: rows.length > limit };
}

/** Selected news (a newsletter issue's), in the reader's language. */
export async function newsByIds(ctx: ServiceContext, ids: number[], locale: Locale, now = new Date()) {
	const rows = await queries.publishedNews(ctx.db, now, { limit: 50, ids });
	return toItems(ctx, rows, locale);
}

/** One news item; drafts and scheduled ones only for editors (a preview). */
export async function getNews(ctx: ServiceContext, slug: string, locale: Locale, now = new Date()) {
	requireAccess(ctx.actor, 'content.read');
	const found = await contentQueries.findPageWithTranslations(ctx.db, slug, 'news');
	if (!found) throw new NotFound(`news ${slug}`);
	const row = await queries.findPage(ctx.db, found.page.id);
	const details = row?.news;
	const published = Boolean(details?.publishAt && details.publishAt <= now);
	if (!published && !can(ctx.actor, 'content.edit')) throw new NotFound(`news ${slug}`);
	const byLocale = new Map(found.translations.filter((t) => isLocale(t.locale)).map((t) => [t.locale as Locale, t]));
	const shown = byLocale.get(locale) ?? byLocale.get(BASE_LOCALE);
	if (!shown) throw new NotFound(`news ${slug} has no text`);
	const picture = details?.mediaId ? await queries.findMedia(ctx.db, details.mediaId) : undefined;
	const sources = picture ? pictureSources(picture) : null;
	const author = details?.showAuthor && details.authorId ? await authorName(ctx, details.authorId) : null;
	return {
		id: found.page.id,
		slug,
		published,
		publishAt: details?.publishAt ?? null,
		locale: shown.locale as Locale,
		title: shown.title,
		teaser: shown.summary,
		html: localizeInternalLinks(renderMarkdown(shown.body), (path) => localizePath(path, locale)),
		categories: details?.categories ?? [],
		author,
		updatedAt: found.page.updatedAt,
		picture: sources && picture ? { ...sources, alt: altText(picture, locale) } : null,
		available: LOCALES.filter((l) => byLocale.has(l))
	};
}

async function authorName(ctx: ServiceContext, userId: number) {
	const { findUserById } = await import('#lib/server/auth/auth.queries.ts');
	return (await findUserById(ctx.db, userId))?.name ?? null;
}

const xml = (value: string) =>
	value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** RSS 2.0 for one language: the latest 20 news with their teasers. */
export async function rssFeed(ctx: ServiceContext, locale: Locale, origin: string, siteName: string, now = new Date()) {
	const { items } = await listNews(ctx, locale, { limit: 20 }, now);
	const home = `${origin}${localizePath('/aktuelles', locale)}`;
	const entries = items.map((item) => {
		const url = `${origin}${localizePath(`/aktuelles/${item.slug}`, locale)}`;
		return [
			'<item>',
			`<title>${xml(item.title)}</title>`,
			`<link>${xml(url)}</link>`,
			`<guid isPermaLink="true">${xml(url)}</guid>`,
			`<pubDate>${item.publishedAt.toUTCString()}</pubDate>`,
			`<description>${xml(item.teaser)}</description>`,
			...item.categories.map((c) => `<category>${xml(c)}</category>`),
			'</item>'
		].join('');
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
		'<channel>',
		`<title>${xml(siteName)}</title>`,
		`<link>${xml(home)}</link>`,
		`<description>${xml(siteName)}</description>`,
		`<language>${locale}</language>`,
		`<atom:link href="${xml(`${origin}${localizePath('/aktuelles/rss.xml', locale)}`)}" rel="self" type="application/rss+xml"/>`,
		...entries,
		'</channel>',
		'</rss>',
		''
	].join('\n');
}

/** Atom (RFC 4287) for one language. */
export async function atomFeed(ctx: ServiceContext, locale: Locale, origin: string, siteName: string, now = new Date()) {
	const { items } = await listNews(ctx, locale, { limit: 20 }, now);
	const self = `${origin}${localizePath('/aktuelles/atom.xml', locale)}`;
	const updated = items.reduce((latest, i) => (i.updatedAt > latest ? i.updatedAt : latest), new Date(0));
	const entries = items.map((item) => {
		const url = `${origin}${localizePath(`/aktuelles/${item.slug}`, locale)}`;
		return [
			'<entry>',
			`<title>${xml(item.title)}</title>`,
			`<link href="${xml(url)}"/>`,
			`<id>${xml(`${origin}/aktuelles/${item.slug}`)}#${locale}</id>`,
			`<published>${item.publishedAt.toISOString()}</published>`,
			`<updated>${(item.updatedAt > item.publishedAt ? item.updatedAt : item.publishedAt).toISOString()}</updated>`,
			`<summary>${xml(item.teaser)}</summary>`,
			...(item.author ? [`<author><name>${xml(item.author)}</name></author>`] : []),
			...item.categories.map((c) => `<category term="${xml(c)}"/>`),
			'</entry>'
		].join('');
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
		`<title>${xml(siteName)}</title>`,
		`<id>${xml(self)}</id>`,
		`<link rel="self" href="${xml(self)}"/>`,
		`<link href="${xml(`${origin}${localizePath('/aktuelles', locale)}`)}"/>`,
		`<updated>${(items.length ? updated : now).toISOString()}</updated>`,
		`<author><name>${xml(siteName)}</name></author>`,
		...entries,
		'</feed>',
		''
	].join('\n');
}

export { xml as escapeXml };
