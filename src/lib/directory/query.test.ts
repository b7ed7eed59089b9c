import { describe, expect, it } from 'vitest';
import { directoryHref, parseDirectoryQuery, queryWords } from './query.ts';

describe(parseDirectoryQuery.name, () => {
	it('reads known filters and drops unknown values instead of failing', () => {
		const q = parseDirectoryQuery(
			new URLSearchParams(
				'q=  Bildung &kreis=14729&art=initiative&sprache=uk&bereich=education&mitglied=1&sortierung=name&seite=3'
			)
		);
		expect(q).toEqual({
			q: 'Bildung',
			district: '14729',
			kind: 'initiative',
			language: 'uk',
			field: 'education',
			memberOnly: true,
			sort: 'name',
			page: 3
		});
		const bad = parseDirectoryQuery(
			new URLSearchParams('kreis=99999&art=<script>&sprache=xx&bereich=x&seite=-1')
		);
		expect(bad).toMatchObject({
			district: undefined,
			kind: undefined,
			language: undefined,
			field: undefined,
			page: 1
		});
	});

	it('round-trips through directoryHref, and a changed filter goes back to page 1', () => {
		const q = parseDirectoryQuery(new URLSearchParams('q=Dresden&sprache=ar&seite=2'));
		expect(parseDirectoryQuery(new URLSearchParams(directoryHref(q, { page: 2 }).slice(1)))).toEqual(q);
		expect(directoryHref(q, { district: '14612' }, '/verzeichnis')).toBe(
			'/verzeichnis?q=Dresden&kreis=14612&sprache=ar'
		);
		expect(directoryHref(parseDirectoryQuery(new URLSearchParams()), {}, '/ar/verzeichnis')).toBe(
			'/ar/verzeichnis'
		);
	});
});

describe(queryWords.name, () => {
	it('splits into at most 6 words of 2–40 characters, without surrounding punctuation', () => {
		expect(queryWords(' "Meißen", Bildung! a ')).toEqual(['Meißen', 'Bildung']);
		expect(queryWords('a b c d e f g h i j'.replace(/ /g, 'x '))).toHaveLength(6);
		expect(queryWords('x'.repeat(100))[0]).toHaveLength(40);
	});
});
