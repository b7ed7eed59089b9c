import { describe, expect, it } from 'vitest';
import { parseContentFile } from './front-matter.ts';

describe(parseContentFile.name, () => {
	it('reads title, summary and body', () => {
		const file = parseContentFile('---\ntitle: Über uns\nsummary: Wer wir sind\n---\nText\n');
		expect(file).toEqual({ title: 'Über uns', summary: 'Wer wir sind', body: 'Text\n' });
	});
	it('accepts Windows line endings and a missing summary', () => {
		expect(parseContentFile('---\r\ntitle: A\r\n---\r\nB').summary).toBe('');
	});
	it('rejects a file without front matter or title', () => {
		expect(() => parseContentFile('# nope')).toThrow();
		expect(() => parseContentFile('---\nsummary: x\n---\n')).toThrow(/title/);
	});
});
