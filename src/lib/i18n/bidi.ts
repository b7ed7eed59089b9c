/**
 * In right-to-left text, a Latin-script run that ends in punctuation ("Sachsen e. V.") is reordered
 * by the Unicode bidi algorithm so that the final dot jumps to the wrong end. Wrapping such runs in
 * <bdi> keeps them intact. Works on sanitized HTML: only text between tags is touched, and
 * character references (&amp; …) are kept whole.
 */
const LETTER = 'A-Za-zÀ-ɏḀ-ỿ§';
// Character references are swapped for private-use characters while matching (see below).
const LATIN_RUN = new RegExp(`[${LETTER}][${LETTER}0-9\\uE000-\\uF8FF.,:'’()/\\- ]*[${LETTER}0-9.)]`, 'g');

export function isolateLatinRuns(html: string): string {
	return html.replace(/>([^<]+)</g, (_match, text: string) => {
		const refs: string[] = [];
		const masked = text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (ref) => {
			refs.push(ref);
			return String.fromCharCode(0xe000 + refs.length - 1);
		});
		const isolated = masked
			.replace(LATIN_RUN, (run) => `<bdi>${run}</bdi>`)
			.replace(/[\uE000-\uF8FF]/g, (c) => refs[c.charCodeAt(0) - 0xe000] ?? '');
		return `>${isolated}<`;
	});
}
