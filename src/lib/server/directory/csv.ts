/**
 * RFC 4180 CSV with a UTF-8 byte order mark (so spreadsheet programs read umlauts right). Cells
 * that a spreadsheet would take for a formula get a leading apostrophe (CSV injection).
 */
export function toCsv(rows: Record<string, unknown>[]): string {
	const first = rows[0];
	if (!first) return '\uFEFF';
	const columns = Object.keys(first);
	const cell = (value: unknown) => {
		let text = value === null || value === undefined ? '' : String(value);
		if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
		return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return (
		'\uFEFF' +
		[columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\r\n') +
		'\r\n'
	);
}
