/**
 * RFC 4180 CSV with a UTF-8 byte order mark (so spreadsheet programs read umlauts right). Cells
 * that a spreadsheet would take for a formula get a leading apostrophe (CSV injection).
 */
export function toCsv(
	rows: Record<string, unknown>[],
	separator: ',' | ';' = ',',
	columns = Object.keys(rows[0] ?? {})
): string {
	const cell = (value: unknown) => {
		let text = value === null || value === undefined ? '' : String(value);
		if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
		return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	const lines = [
		columns.map(cell).join(separator),
		...rows.map((row) => columns.map((c) => cell(row[c])).join(separator))
	];
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * Parses CSV as spreadsheet programs write it: UTF-8 with or without BOM, `;` or `,` (whichever the
 * header line uses), quoted cells with doubled quotes and line breaks inside. Returns the rows as
 * records keyed by the trimmed header names.
 */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
	const source = text.replace(/^\uFEFF/, '');
	const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
	const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	const records: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < source.length; i++) {
		const c = source[i]!;
		if (quoted) {
			if (c === '"' && source[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"' && cell === '') quoted = true;
		else if (c === separator) {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && source[i + 1] === '\n') i++;
			row.push(cell);
			records.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		records.push(row);
	}
	const nonEmpty = records.filter((r) => r.some((x) => x.trim() !== ''));
	const header = (nonEmpty[0] ?? []).map((h) => h.trim());
	const rows = nonEmpty
		.slice(1)
		.map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])));
	return { header, rows };
}
