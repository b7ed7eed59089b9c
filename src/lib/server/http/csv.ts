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
