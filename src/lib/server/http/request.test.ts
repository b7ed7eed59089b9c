import { describe, expect, it } from 'vitest';
import { pageNumber, safeReturnPath } from './request.ts';

const at = (query: string) => new URL(`http://localhost/admin/protokoll${query}`);

describe(pageNumber.name, () => {
	it('reads a whole page number and falls back to 1 for anything else', () => {
		expect(pageNumber(at('?seite=3'))).toBe(3);
		expect(pageNumber(at(''))).toBe(1);
		for (const bad of ['0', '-4', 'abc', '2.7e400', '']) expect(pageNumber(at(`?seite=${bad}`))).toBe(1);
		expect(pageNumber(at('?seite=2.9'))).toBe(2);
		expect(pageNumber(at('?seite=99999999'))).toBe(10_000);
	});
});

describe(safeReturnPath.name, () => {
	it('returns only to local paths, in the visitor language', () => {
		expect(safeReturnPath('/admin', 'ar')).toBe('/ar/admin');
		for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', null]) {
			expect(safeReturnPath(bad, 'de')).toBe('/konto');
		}
	});
});
