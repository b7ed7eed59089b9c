import { describe, expect, it } from 'vitest';
import { diffWords, hasChanges } from './diff.ts';

const joined = (parts: ReturnType<typeof diffWords>, keep: 'before' | 'after') =>
	parts
		.filter((p) => p.kind === 'same' || p.kind === (keep === 'before' ? 'removed' : 'added'))
		.map((p) => p.text)
		.join('');

describe(diffWords.name, () => {
	it('marks changed words and gives both texts back', () => {
		const before = 'Wir treffen uns am Montag im Saal.';
		const after = 'Wir treffen uns am Dienstag im großen Saal.';
		const parts = diffWords(before, after);
		expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['Montag']);
		expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['Dienstag', 'großen']);
		expect(joined(parts, 'before')).toBe(before);
		expect(joined(parts, 'after')).toBe(after);
	});

	it('reports no change for equal texts and handles empty ones', () => {
		expect(hasChanges(diffWords('gleich', 'gleich'))).toBe(false);
		expect(diffWords('', 'neu')).toEqual([{ kind: 'added', text: 'neu' }]);
		expect(diffWords('alt', '')).toEqual([{ kind: 'removed', text: 'alt' }]);
	});

	it('stays fast for long texts by comparing paragraphs', () => {
		const long = Array.from({ length: 4000 }, (_, i) => `Wort${i}`).join(' ');
		const parts = diffWords(long, `${long}\n\nNeuer Absatz`);
		expect(joined(parts, 'after')).toBe(`${long}\n\nNeuer Absatz`);
	});
});
