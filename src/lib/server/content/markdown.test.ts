import { describe, expect, it } from 'vitest';
import { localizeInternalLinks, renderMarkdown } from './markdown.ts';

describe(renderMarkdown.name, () => {
	it('renders headings, lists and emphasis', () => {
		const html = renderMarkdown('## Ziele\n\n- **eins**\n- zwei\n');
		expect(html).toContain('<h2>Ziele</h2>');
		expect(html).toContain('<li><strong>eins</strong></li>');
	});
	it('removes scripts, event handlers, styles and images from raw HTML', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script><img src=x onerror=alert(2)> <a href="#" onclick="alert(4)" style="color:red">y</a>'
		);
		expect(html).not.toMatch(/<script|onerror|onclick|style=|<img/i);
		expect(html).toContain('<a href="#">y</a>');
	});
	it('drops javascript: and data: link targets', () => {
		for (const target of ['javascript:alert(3)', 'JaVaScRiPt:alert(3)', 'data:text/html,x']) {
			const html = renderMarkdown(`[x](${target}) <a href="${target}">y</a>`);
			expect(html).not.toMatch(/href="(javascript|data):/i);
		}
	});
	it('keeps ordinary web, mail and phone links', () => {
		const html = renderMarkdown('[a](https://example.org) [b](mailto:a@example.org) [c](tel:+49351)');
		expect(html).toContain('href="https://example.org"');
		expect(html).toContain('href="mailto:a@example.org"');
		expect(html).toContain('href="tel:+49351"');
	});
	it('demotes h1 to h2 so the page keeps one main heading', () => {
		expect(renderMarkdown('# Titel')).toBe('<h2>Titel</h2>');
	});
});

describe(localizeInternalLinks.name, () => {
	const toArabic = (path: string) => `/ar${path}`;
	it('prefixes site-absolute links only', () => {
		const html = renderMarkdown('[a](/kontakt) [b](https://example.org/x) [c](//evil.example/x) [d](mailto:a@example.org)');
		const out = localizeInternalLinks(html, toArabic);
		expect(out).toContain('href="/ar/kontakt"');
		expect(out).toContain('href="https://example.org/x"');
		expect(out).toContain('href="mailto:a@example.org"');
		expect(out).not.toContain('/ar//evil');
	});
});
