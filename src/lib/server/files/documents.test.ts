import { describe, expect, it } from 'vitest';
import { safeFileName, sniffDocument } from './documents.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe(sniffDocument.name, () => {
	it('accepts PDF, Office, OpenDocument and images by content', () => {
		expect(sniffDocument(bytes('%PDF-1.7\n...%%EOF')).extension).toBe('pdf');
		const odt = new Uint8Array([
			0x50,
			0x4b,
			0x03,
			0x04,
			...new Array(26).fill(0),
			...bytes('mimetypeapplication/vnd.oasis.opendocument.text')
		]);
		expect(sniffDocument(odt).extension).toBe('odt');
		const docx = new Uint8Array([
			0x50,
			0x4b,
			0x03,
			0x04,
			...new Array(26).fill(0),
			...bytes('[Content_Types].xml ... word/document.xml')
		]);
		expect(sniffDocument(docx).extension).toBe('docx');
		expect(sniffDocument(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])).extension).toBe(
			'doc'
		);
		expect(
			sniffDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])).contentType
		).toBe('image/png');
	});

	it('refuses HTML, SVG, scripts and other ZIPs whatever their name', () => {
		for (const text of [
			'<!DOCTYPE html><script>alert(1)</script>',
			'<svg onload="alert(1)"/>',
			'#!/bin/sh\nrm -rf /',
			'MZ\x90\x00'
		])
			expect(() => sniffDocument(bytes(text))).toThrow(
				expect.objectContaining({ messageKey: 'documents_file_type' })
			);
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), ...bytes('evil.html')]);
		expect(() => sniffDocument(zip)).toThrow(expect.objectContaining({ messageKey: 'documents_file_type' }));
	});

	it('makes safe download names', () => {
		expect(safeFileName('Mustersatzung für Vereine (2026).pdf', 'pdf')).toBe(
			'Mustersatzung-fur-Vereine-2026.pdf'
		);
		expect(safeFileName('"; rm -rf', 'pdf')).toBe('rm-rf.pdf');
		expect(safeFileName('محمد', 'docx')).toBe('dokument.docx');
	});
});
