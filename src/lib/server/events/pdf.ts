/**
 * A small PDF writer for one-page text documents (participation certificates): A4, the standard
 * Helvetica fonts with WinAnsiEncoding, so no font files are embedded. Text must be representable
 * in Windows-1252; {@link isWinAnsi} tells callers whether a name needs a Latin spelling first.
 */
export interface PdfLine {
	text: string;
	size: number;
	bold?: boolean;
	/** Space above the line, in points. */
	gap?: number;
}

/** Windows-1252 code points 0x80–0x9F that differ from Latin-1. */
const CP1252_EXTRA: Record<string, number> = {
	'€': 0x80,
	'‚': 0x82,
	ƒ: 0x83,
	'„': 0x84,
	'…': 0x85,
	'†': 0x86,
	'‡': 0x87,
	ˆ: 0x88,
	'‰': 0x89,
	Š: 0x8a,
	'‹': 0x8b,
	Œ: 0x8c,
	Ž: 0x8e,
	'‘': 0x91,
	'’': 0x92,
	'“': 0x93,
	'”': 0x94,
	'•': 0x95,
	'–': 0x96,
	'—': 0x97,
	'˜': 0x98,
	'™': 0x99,
	š: 0x9a,
	'›': 0x9b,
	œ: 0x9c,
	ž: 0x9e,
	Ÿ: 0x9f
};

function winAnsiByte(char: string): number | null {
	const extra = CP1252_EXTRA[char];
	if (extra !== undefined) return extra;
	const code = char.codePointAt(0)!;
	if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) return code;
	return null;
}

export function isWinAnsi(text: string): boolean {
	return [...text].every((char) => winAnsiByte(char) !== null);
}

/** A PDF hex string; characters outside Windows-1252 become "?" (callers avoid them). */
function hexString(text: string): string {
	const bytes = [...text].map((char) => winAnsiByte(char) ?? 0x3f);
	return `<${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}>`;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 72;

/** Splits text into lines that fit the page (Helvetica averages about half an em per character). */
function wrap(text: string, size: number): string[] {
	const maxChars = Math.floor((PAGE_WIDTH - 2 * MARGIN) / (size * 0.52));
	const lines: string[] = [];
	let current = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (current && current.length + 1 + word.length > maxChars) {
			lines.push(current);
			current = word;
		} else current = current ? `${current} ${word}` : word;
	}
	if (current) lines.push(current);
	return lines.length ? lines : [''];
}

export function renderPdf(title: string, lines: PdfLine[]): Buffer {
	const ops: string[] = [];
	let y = PAGE_HEIGHT - MARGIN;
	for (const line of lines) {
		y -= line.gap ?? 0;
		for (const part of wrap(line.text, line.size)) {
			y -= line.size * 1.3;
			ops.push(
				`BT /${line.bold ? 'F2' : 'F1'} ${line.size} Tf ${MARGIN} ${y.toFixed(1)} Td ${hexString(part)} Tj ET`
			);
		}
	}
	const content = ops.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
		`<< /Title ${hexString(title)} /Producer (Miteinander) >>`
	];
	let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(Buffer.byteLength(body, 'latin1'));
		body += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(body, 'latin1');
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}
