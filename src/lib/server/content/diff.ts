/** A piece of a word diff: unchanged, only in the new text, or only in the old one. */
export interface DiffPart {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

/** Words and the whitespace between them, so that joining the tokens gives the text back. */
function tokens(text: string): string[] {
	return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Above this many changed tokens on each side, the diff compares paragraphs instead of words. */
const MAX_TOKENS = 3000;

/**
 * A word diff (longest common subsequence) of two texts, for showing editors what changed between
 * revisions and what changed in the source since a translation was made.
 */
export function diffWords(before: string, after: string): DiffPart[] {
	let a = tokens(before);
	let b = tokens(after);
	if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
		a = before.split(/(\n\s*\n)/);
		b = after.split(/(\n\s*\n)/);
	}
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const midA = a.slice(start, endA);
	const midB = b.slice(start, endB);
	const parts: DiffPart[] = [];
	const push = (kind: DiffPart['kind'], text: string) => {
		if (!text) return;
		const last = parts[parts.length - 1];
		if (last && last.kind === kind) last.text += text;
		else parts.push({ kind, text });
	};
	push('same', a.slice(0, start).join(''));
	// lengths[i][j]: LCS of midA[i..] and midB[j..], in one flat array.
	const width = midB.length + 1;
	const lengths = new Uint32Array((midA.length + 1) * width);
	for (let i = midA.length - 1; i >= 0; i--) {
		for (let j = midB.length - 1; j >= 0; j--) {
			lengths[i * width + j] =
				midA[i] === midB[j]
					? lengths[(i + 1) * width + j + 1]! + 1
					: Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
		}
	}
	let i = 0;
	let j = 0;
	while (i < midA.length && j < midB.length) {
		if (midA[i] === midB[j]) {
			push('same', midA[i]!);
			i++;
			j++;
		} else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) push('removed', midA[i++]!);
		else push('added', midB[j++]!);
	}
	while (i < midA.length) push('removed', midA[i++]!);
	while (j < midB.length) push('added', midB[j++]!);
	push('same', a.slice(endA).join(''));
	return parts;
}

export const hasChanges = (parts: DiffPart[]) => parts.some((p) => p.kind !== 'same');
