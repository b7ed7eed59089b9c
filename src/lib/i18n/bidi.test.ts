import { describe, expect, it } from 'vitest';
import { isolateLatinRuns, splitLatinRuns } from './bidi.ts';

describe(isolateLatinRuns.name, () => {
	it('isolates a Latin name with a trailing dot inside Arabic text', () => {
		expect(isolateLatinRuns('<p>تأسس الاتحاد «Integrationsnetzwerk Sachsen e. V.» في</p>')).toBe(
			'<p>تأسس الاتحاد «<bdi>Integrationsnetzwerk Sachsen e. V.</bdi>» في</p>'
		);
	});
	it('leaves tags, attributes and character references alone', () => {
		const html = '<a href="https://example.org/x">رابط</a> &amp; <strong>نص</strong>';
		expect(isolateLatinRuns(html)).toBe(html);
	});
	it('keeps an entity inside a run whole', () => {
		expect(isolateLatinRuns('<p>نص Müller &amp; Söhne نص</p>')).toBe(
			'<p>نص <bdi>Müller &amp; Söhne</bdi> نص</p>'
		);
	});
});

describe(splitLatinRuns.name, () => {
	it('marks Latin runs such as legal references in right-to-left text', () => {
		expect(splitLatinRuns('مسئول محتوا (§ 18 Abs. 2 MStV)')).toEqual([
			{ text: 'مسئول محتوا (', latin: false },
			{ text: '§ 18 Abs. 2 MStV', latin: true },
			{ text: ')', latin: false }
		]);
		expect(splitLatinRuns('بدون')).toEqual([{ text: 'بدون', latin: false }]);
		expect(splitLatinRuns('طبق GDPR (DSGVO)')).toEqual([
			{ text: 'طبق ', latin: false },
			{ text: 'GDPR (DSGVO)', latin: true }
		]);
	});
});
