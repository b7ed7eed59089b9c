export interface MailLayoutInput {
	locale: string;
	dir: 'ltr' | 'rtl';
	heading: string;
	paragraphs: string[];
	/** The one thing the recipient should do; must be an http(s) URL. */
	action?: { label: string; url: string };
	/** Sanitized HTML (a newsletter's rendered Markdown) with its text version. */
	body?: { html: string; text: string };
	footerLines: string[];
	/** Links under the footer (unsubscribe, preferences); http(s) only. */
	footerLinks?: { label: string; url: string }[];
}

export interface RenderedMail {
	text: string;
	html: string;
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Every input may contain what an anonymous visitor typed, so all of it goes through here. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Escaped, with the line breaks a visitor typed kept. */
const escapeLines = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>\n');

/** Only web links: a `javascript:` or `data:` URL in a mail would be an attack, not an action. */
function checkedActionUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error('mail action URL is not a valid URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new Error(`mail action URL must be http(s), not ${parsed.protocol}`);
	}
	return url;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const STYLES = {
	body: `margin:0;padding:0;background-color:#f3f4f6;`,
	card: `max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#1f2937;${FONT}font-size:16px;line-height:1.5;`,
	heading: `margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;`,
	paragraph: `margin:0 0 16px;`,
	button: `display:inline-block;padding:12px 20px;background-color:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;`,
	rawUrl: `margin:0 0 16px;font-size:14px;color:#374151;word-break:break-all;`,
	footer: `margin:24px 0 0;padding-top:16px;border-top:1px solid #d1d5db;font-size:13px;color:#4b5563;`
};

/** A plain, accessible mail: no images, no tracking, inline styles only, and the same content as text. */
export function renderMailLayout(input: MailLayoutInput): RenderedMail {
	const action = input.action && { label: input.action.label, url: checkedActionUrl(input.action.url) };
	return { text: renderText(input, action), html: renderHtml(input, action) };
}

function renderText(input: MailLayoutInput, action: MailLayoutInput['action']): string {
	const blocks = [input.heading, ...input.paragraphs];
	if (input.body) blocks.push(input.body.text);
	if (action) blocks.push(`${action.label}:\n${action.url}`);
	const footerLines = [
		...input.footerLines,
		...(input.footerLinks ?? []).map((link) => `${link.label}: ${checkedActionUrl(link.url)}`)
	];
	const footer = footerLines.length > 0 ? `\n-- \n${footerLines.join('\n')}\n` : '';
	return `${blocks.join('\n\n')}\n${footer}`;
}

function renderHtml(input: MailLayoutInput, action: MailLayoutInput['action']): string {
	const lang = escapeHtml(input.locale);
	const dir = input.dir === 'rtl' ? 'rtl' : 'ltr';
	const lines = [
		'<!DOCTYPE html>',
		`<html lang="${lang}" dir="${dir}">`,
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(input.heading)}</title>`,
		'</head>',
		`<body style="${STYLES.body}">`,
		`<div role="article" aria-label="${escapeHtml(input.heading)}" lang="${lang}" dir="${dir}" style="${STYLES.card}">`,
		`<h1 style="${STYLES.heading}">${escapeHtml(input.heading)}</h1>`,
		...input.paragraphs.map((p) => `<p style="${STYLES.paragraph}">${escapeLines(p)}</p>`),
		...(input.body ? [input.body.html] : []),
		...(action ? renderAction(action) : []),
		...renderFooter(input.footerLines),
		...renderFooterLinks(input.footerLinks ?? []),
		'</div>',
		'</body>',
		'</html>'
	];
	return lines.join('\n') + '\n';
}

// The raw URL below the button serves clients that hide links and readers who copy it.
function renderAction(action: { label: string; url: string }): string[] {
	const url = escapeHtml(action.url);
	return [
		`<p style="margin:24px 0 12px;"><a href="${url}" style="${STYLES.button}">${escapeHtml(action.label)}</a></p>`,
		`<p style="${STYLES.rawUrl}">${url}</p>`
	];
}

function renderFooterLinks(links: { label: string; url: string }[]): string[] {
	if (links.length === 0) return [];
	const items = links.map(
		(link) =>
			`<a href="${escapeHtml(checkedActionUrl(link.url))}" style="color:#1d4ed8;">${escapeHtml(link.label)}</a>`
	);
	return [`<p style="${STYLES.footer}">${items.join(' · ')}</p>`];
}

function renderFooter(footerLines: string[]): string[] {
	if (footerLines.length === 0) return [];
	return [`<p style="${STYLES.footer}">${footerLines.map(escapeLines).join('<br>\n')}</p>`];
}
