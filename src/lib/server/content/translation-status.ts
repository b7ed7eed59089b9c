export type TranslationStatus = 'current' | 'outdated' | 'missing';

/**
 * A translation is current when it was made from the source's present revision, outdated when the
 * source has changed substantively since (minor edits do not bump the revision), missing otherwise.
 */
export function translationStatus(
	sourceRevision: number,
	translation: { sourceRevision: number } | undefined
): TranslationStatus {
	if (!translation) return 'missing';
	return translation.sourceRevision >= sourceRevision ? 'current' : 'outdated';
}
