import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ async: false, gfm: true, breaks: false });

/**
 * Markdown → HTML that is safe to put into a page: whatever an editor (or an attacker with an
 * editor's password) writes, no script, event handler, style or `javascript:` link survives.
 */
export function renderMarkdown(markdown: string): string {
	const html = marked.parse(markdown) as string;
	return sanitizeHtml(html, {
		allowedTags: [
			'h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'blockquote',
			'a', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'abbr'
		],
		allowedAttributes: { a: ['href', 'title', 'hreflang'], abbr: ['title'], ol: ['start'], th: ['scope'] },
		allowedSchemes: ['https', 'http', 'mailto', 'tel'],
		allowProtocolRelative: false,
		// Headings above h2 would compete with the page title.
		transformTags: { h1: 'h2', h5: 'h4', h6: 'h4' }
	}).trim();
}

/**
 * Internal links in content are written without a language prefix (`/kontakt`); a page shown in
 * Arabic must lead to the Arabic pages (`/ar/kontakt`). Only site-absolute paths are changed.
 */
export function localizeInternalLinks(html: string, prefix: (path: string) => string): string {
	return html.replace(/href="(\/(?!\/)[^"]*)"/g, (_m, path: string) => `href="${prefix(path)}"`);
}
