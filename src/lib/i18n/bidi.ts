/**
 * In right-to-left text, a Latin-script run that ends in punctuation ("Sachsen e. V.") is reordered
 * by the Unicode bidi algorithm so that the final dot jumps to the wrong end. Wrapping such runs in
 * <bdi> keeps them intact. Works on sanitized HTML: only text between tags is touched, and
 * character references (&amp; …) are kept whole.
 */
const LETTER = 'A-Za-zÀ-ɏḀ-ỿ§';
// Character references are swapped for private-use characters while matching (see below).
const LATIN_RUN = new RegExp(`[${LETTER}][${LETTER}0-9\\uE000-\\uF8FF.,:'’()/\\- ]*[${LETTER}0-9.)]`, 'g');

/** A run may end in ")" only when it also opened the bracket ("GDPR (DSGVO)", not "MStV)"). */
function balanced(run: string): string {
	return run.endsWith(')') && !run.includes('(') ? run.slice(0, -1).trimEnd() : run;
}

export function isolateLatinRuns(html: string): string {
	return html.replace(/>([^<]+)</g, (_match, text: string) => {
		const refs: string[] = [];
		const masked = text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (ref) => {
			refs.push(ref);
			return String.fromCharCode(0xe000 + refs.length - 1);
		});
		const isolated = masked
			.replace(LATIN_RUN, (run) => {
				const inner = balanced(run);
				return `<bdi>${inner}</bdi>${run.slice(inner.length)}`;
			})
			.replace(/[\uE000-\uF8FF]/g, (c) => refs[c.charCodeAt(0) - 0xe000] ?? '');
		return `>${isolated}<`;
	});
}

/**
 * The same isolation for plain text rendered by components (translated labels with legal
 * references like "§ 26 BGB"): segments to render, Latin runs marked for a <bdi>.
 */
export function splitLatinRuns(text: string): { text: string; latin: boolean }[] {
	const parts: { text: string; latin: boolean }[] = [];
	let last = 0;
	for (const match of text.matchAll(LATIN_RUN)) {
		const run = balanced(match[0]);
		if (match.index > last) parts.push({ text: text.slice(last, match.index), latin: false });
		parts.push({ text: run, latin: true });
		last = match.index + run.length;
	}
	if (last < text.length) parts.push({ text: text.slice(last), latin: false });
	return parts;
}
