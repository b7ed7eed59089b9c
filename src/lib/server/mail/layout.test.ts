import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMailLayout, type MailLayoutInput } from './layout.ts';

const base: MailLayoutInput = {
	locale: 'de',
	dir: 'ltr',
	heading: 'Ihre Anfrage',
	paragraphs: ['Vielen Dank.'],
	action: { label: 'Anfrage ansehen', url: 'https://example.org/anfrage/1?a=1&b=2' },
	footerLines: ['Integrationsnetzwerk Sachsen e. V.']
};

describe(escapeHtml.name, () => {
	it('escapes the five HTML special characters', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});

describe(renderMailLayout.name, () => {
	it('escapes every string a visitor may have typed in the HTML part', () => {
		const evil = `<script>alert("x")</script> Tom & "Jerry"`;
		const { html, text } = renderMailLayout({
			locale: `de"><script>`,
			dir: 'ltr',
			heading: evil,
			paragraphs: [evil, `Zeile 1\nZeile 2 <b>`],
			action: { label: evil, url: 'https://example.org/?q="><script>&x=1' },
			footerLines: [evil]
		});
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('"Jerry"');
		expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; &quot;Jerry&quot;');
		expect(html).toContain('lang="de&quot;&gt;&lt;script&gt;"');
		expect(html).toContain('Zeile 1<br>\nZeile 2 &lt;b&gt;');
		expect(html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
		// The text part is not HTML: it keeps the characters as typed.
		expect(text).toContain(evil);
	});

	it('sets language and direction on the document', () => {
		const { html } = renderMailLayout({ ...base, locale: 'ar', dir: 'rtl' });
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(renderMailLayout(base).html).toContain('<html lang="de" dir="ltr">');
	});

	it('puts the action URL in both parts: as a link and as text in the HTML, as text in the text part', () => {
		const { html, text } = renderMailLayout(base);
		const escaped = 'https://example.org/anfrage/1?a=1&amp;b=2';
		expect(html).toContain(`<a href="${escaped}"`);
		expect(html.split(escaped)).toHaveLength(3);
		expect(text).toContain('Anfrage ansehen:\nhttps://example.org/anfrage/1?a=1&b=2');
	});

	it('carries the same content in the text part', () => {
		const { text } = renderMailLayout({ ...base, paragraphs: ['Eins.', 'Zwei.'] });
		expect(text).toBe(
			'Ihre Anfrage\n\nEins.\n\nZwei.\n\nAnfrage ansehen:\nhttps://example.org/anfrage/1?a=1&b=2\n' +
				'\n-- \nIntegrationsnetzwerk Sachsen e. V.\n'
		);
	});

	it('has no images, scripts or style sheets, only inline styles', () => {
		const { html } = renderMailLayout(base);
		expect(html).not.toMatch(/<img|<script|<style|<link/i);
		expect(html).toContain('style="');
	});

	it('works without an action and without footer lines', () => {
		const { html, text } = renderMailLayout({ ...base, action: undefined, footerLines: [] });
		expect(html).not.toContain('<a ');
		expect(text).toBe('Ihre Anfrage\n\nVielen Dank.\n');
	});

	it.each([
		'javascript:alert(1)',
		'data:text/html,<b>x</b>',
		'mailto:a@example.org',
		'/relative',
		'nonsense'
	])('refuses the action URL %s', (url) => {
		expect(() => renderMailLayout({ ...base, action: { label: 'x', url } })).toThrow(/action URL/);
	});
});
