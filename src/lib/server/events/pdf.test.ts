import { describe, expect, it } from 'vitest';
import { isWinAnsi, renderPdf } from './pdf.ts';

describe('PDF writer', () => {
	it('writes a well-formed one-page PDF with a correct cross-reference table', () => {
		const pdf = renderPdf('Bescheinigung', [
			{ text: 'Teilnahmebescheinigung', size: 24, bold: true },
			{ text: 'Jürgen Größe – Fortbildung „Vereinsrecht“ (5 €)', size: 12, gap: 10 }
		]);
		const text = pdf.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
		// Every object offset in the table points at "N 0 obj".
		const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		offsets.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
		// Umlauts, dashes and quotes are encoded in WinAnsi (ü = fc, – = 96, „ = 84).
		expect(text).toContain('fc');
		expect(text).toMatch(/<[0-9a-f]*96[0-9a-f]*>/);
	});

	it('tells which names need a Latin spelling', () => {
		expect(isWinAnsi('Nguyễn Văn An')).toBe(false);
		expect(isWinAnsi('Nguyen Van An')).toBe(true);
		expect(isWinAnsi('Łukasz')).toBe(false);
		expect(isWinAnsi('محمد')).toBe(false);
		expect(isWinAnsi('Zoë Müller-Šimić')).toBe(false);
		expect(isWinAnsi('François Œuvre')).toBe(true);
	});
});
