import { BASE_LOCALE, isLocale, localizePath, textDirection, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { escapeHtml, renderMailLayout } from '#lib/server/mail/layout.ts';
import { footerLines } from '#lib/server/mail/footer.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';
import { newsByIds } from '#lib/server/content/news.service.ts';
import type { IssueRow } from './newsletter.queries.ts';

/** Markdown as plain text for the text part: links as "text (url)", markup dropped. */
function markdownToText(markdown: string): string {
	return markdown
		.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
		.replace(/[*_`#>]/g, '')
		.trim();
}

export interface RenderedIssue {
	locale: Locale;
	subject: string;
	/** Text and HTML with `%%UNSUBSCRIBE%%` and `%%SETTINGS%%` in place of the subscriber's links. */
	text: string;
	html: string;
}

/** The issue in a language (German where it has no text in that language), once per language. */
export async function renderIssue(
	ctx: ServiceContext,
	issue: IssueRow,
	requested: string,
	origin: string
): Promise<RenderedIssue> {
	const wanted: Locale = isLocale(requested) ? requested : BASE_LOCALE;
	const locale: Locale = issue.texts[wanted]?.subject ? wanted : BASE_LOCALE;
	const text = issue.texts[locale] ?? issue.texts[BASE_LOCALE]!;
	const news = await newsByIds(ctx, issue.newsPageIds, locale);
	const newsHtml = news.map(
		(n) =>
			`<h2 style="font-size:18px;margin:24px 0 8px;"><a href="${escapeHtml(`${origin}${localizePath(`/aktuelles/${n.slug}`, locale)}`)}">${escapeHtml(n.title)}</a></h2><p style="margin:0 0 16px;">${escapeHtml(n.teaser)}</p>`
	);
	const newsText = news.map(
		(n) => `${n.title}\n${n.teaser}\n${origin}${localizePath(`/aktuelles/${n.slug}`, locale)}`
	);
	const o = { locale };
	const placeholder = {
		unsubscribe: 'https://x.invalid/%%UNSUBSCRIBE%%',
		settings: 'https://x.invalid/%%SETTINGS%%'
	};
	const mail = renderMailLayout({
		locale,
		dir: textDirection(locale),
		heading: text.subject,
		paragraphs: [],
		body: {
			html: renderMarkdown(text.body) + newsHtml.join('\n'),
			text: [markdownToText(text.body), ...newsText].join('\n\n')
		},
		footerLines: [m.mail_newsletter_why({}, o), ...(await footerLines(ctx.db))],
		footerLinks: [
			{ label: m.mail_newsletter_unsubscribe({}, o), url: placeholder.unsubscribe },
			{ label: m.mail_newsletter_settings({}, o), url: placeholder.settings }
		]
	});
	const fill = (s: string) =>
		s.replaceAll(placeholder.unsubscribe, '%%UNSUBSCRIBE%%').replaceAll(placeholder.settings, '%%SETTINGS%%');
	return { locale, subject: text.subject, text: fill(mail.text), html: fill(mail.html) };
}

/** The rendered issue with one subscriber's links. */
export function personalise(rendered: RenderedIssue, links: { unsubscribe: string; settings: string }) {
	const apply = (s: string, escape: (v: string) => string) =>
		s
			.replaceAll('%%UNSUBSCRIBE%%', escape(links.unsubscribe))
			.replaceAll('%%SETTINGS%%', escape(links.settings));
	return {
		subject: rendered.subject,
		text: apply(rendered.text, (v) => v),
		html: apply(rendered.html, escapeHtml)
	};
}
