import { describe, expect, it } from 'vitest';
import { IMPRESSUM_FIELDS, missingImpressumFields } from './impressum.ts';

const empty = {
	street: null,
	postalCode: null,
	city: null,
	email: null,
	phone: null,
	registerCourt: null,
	registerNumber: null,
	representatives: [],
	editorialResponsible: null
};

describe(missingImpressumFields.name, () => {
	it('lists everything while nothing is filled in', () => {
		expect(missingImpressumFields(empty)).toEqual([...IMPRESSUM_FIELDS]);
	});
	it('needs the whole address and both register court and number', () => {
		const partial = { ...empty, street: 'Weg 1', city: 'Dresden', registerCourt: 'Amtsgericht Dresden' };
		expect(missingImpressumFields(partial)).toContain('address');
		expect(missingImpressumFields(partial)).toContain('register');
	});
	it('treats blank text as missing and reports nothing once complete', () => {
		expect(missingImpressumFields({ ...empty, email: '  ' })).toContain('email');
		const complete = {
			street: 'Weg 1',
			postalCode: '01067',
			city: 'Dresden',
			email: 'info@example.org',
			phone: '+49 351 000000',
			registerCourt: 'Amtsgericht Dresden',
			registerNumber: 'VR 1234',
			representatives: [{ name: 'A. B.' }],
			editorialResponsible: 'A. B.'
		};
		expect(missingImpressumFields(complete)).toEqual([]);
	});
});
