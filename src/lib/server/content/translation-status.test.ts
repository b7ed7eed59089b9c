import { describe, expect, it } from 'vitest';
import { translationStatus } from './translation-status.ts';

describe(translationStatus.name, () => {
	it('is missing without a translation', () => expect(translationStatus(3, undefined)).toBe('missing'));
	it('is current when made from the present source revision', () =>
		expect(translationStatus(3, { sourceRevision: 3 })).toBe('current'));
	it('is outdated when the source changed since', () =>
		expect(translationStatus(4, { sourceRevision: 3 })).toBe('outdated'));
});
