import { and, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { BASE_LOCALE, LOCALES, localizePath } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { events, newsDetails, organisations, pages } from '#lib/server/db/schema/index.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { escapeXml } from './news.service.ts';

/** Public routes that are not CMS pages. */
const FIXED = ['/verzeichnis', '/verzeichnis/beiraete', '/veranstaltungen', '/aktuelles', '/newsletter', '/mitglied-werden', '/kontakt'];

/**
 * sitemap.xml: every public page, news item, event and directory profile, each with its language
 * versions as `hreflang` alternates (and x-default, the German one).
 */
export async function sitemap(ctx: ServiceContext, origin: string, now = new Date()) {
	requireAccess(ctx.actor, 'content.read');
	const entries: { path: string; updated?: Date }[] = FIXED.map((path) => ({ path }));
	for (const page of await ctx.db.select().from(pages).where(eq(pages.kind, 'page'))) {
		entries.push({ path: page.slug === 'start' ? '/' : `/${page.slug}`, updated: page.updatedAt });
	}
	const news = await ctx.db
		.select({ slug: pages.slug, updated: pages.updatedAt })
		.from(pages)
		.innerJoin(newsDetails, eq(newsDetails.pageId, pages.id))
		.where(and(isNotNull(newsDetails.publishAt), lte(newsDetails.publishAt, now)));
	for (const n of news) entries.push({ path: `/aktuelles/${n.slug}`, updated: n.updated });
	const published = await ctx.db
		.select({ id: events.id, updated: events.updatedAt })
		.from(events)
		.where(inArray(events.status, ['published', 'cancelled']));
	for (const e of published) entries.push({ path: `/veranstaltungen/${e.id}`, updated: e.updated });
	const profiles = await ctx.db
		.select({ slug: organisations.slug, updated: organisations.updatedAt })
		.from(organisations)
		.where(eq(organisations.status, 'published'));
	for (const o of profiles) entries.push({ path: `/verzeichnis/${o.slug}`, updated: o.updated });

	const url = (path: string, locale: (typeof LOCALES)[number]) => escapeXml(`${origin}${localizePath(path, locale)}`);
	const body = entries.flatMap((entry) =>
		LOCALES.map((locale) =>
			[
				'<url>',
				`<loc>${url(entry.path, locale)}</loc>`,
				...(entry.updated ? [`<lastmod>${entry.updated.toISOString().slice(0, 10)}</lastmod>`] : []),
				...LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${url(entry.path, l)}"/>`),
				`<xhtml:link rel="alternate" hreflang="x-default" href="${url(entry.path, BASE_LOCALE)}"/>`,
				'</url>'
			].join('')
		)
	);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
		...body,
		'</urlset>',
		''
	].join('\n');
}
