import { describe, expect, it } from 'vitest';
import {
	formatCents,
	formatIban,
	isEeaIban,
	isSepaIban,
	isValidBic,
	isValidCreditorId,
	isValidIban,
	isValidMandateReference,
	isValidSepaIdentifier,
	MANDATE_REFERENCE_MAX_LENGTH,
	normalizeBic,
	normalizeIban
} from './banking.ts';

describe(normalizeIban.name, () => {
	it('removes every kind of space and capitalises', () => {
		expect(normalizeIban(' de89 3704\u00a00044 0532\t0130 00 ')).toBe('DE89370400440532013000');
	});
});

describe(formatIban.name, () => {
	it('prints groups of four, the last one shorter', () => {
		expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
		expect(formatIban('NL91 ABNA 0417 1643 00')).toBe('NL91 ABNA 0417 1643 00');
	});
});

describe(isValidIban.name, () => {
	it.each([
		'DE89370400440532013000',
		'DE02 1203 0000 0000 2020 51',
		'de89370400440532013000',
		'AT611904300234573201',
		'BE68539007547034',
		'CH9300762011623852957',
		'FR1420041010050500013M02606',
		'GB82WEST12345698765432',
		'MT84MALT011000012345MTLCAST001S',
		'NL91ABNA0417164300',
		'NO9386011117947',
		'TR330006100519786457841326',
		'UA213223130000026007233566001'
	])('accepts %s', (iban) => {
		expect(isValidIban(iban)).toBe(true);
	});

	it.each([
		['a wrong check digit', 'DE89370400440532013001'],
		['swapped digits', 'DE89370400440523013000'],
		['a German IBAN one digit short', 'DE8937040044053201300'],
		['a German IBAN one digit long', 'DE893704004405320130000'],
		['an unknown country', 'XX89370400440532013000'],
		['letters as check digits', 'DEAB370400440532013000'],
		['punctuation', 'DE89-3704-0044-0532-0130-00'],
		['nothing', '']
	])('rejects %s', (_, iban) => {
		expect(isValidIban(iban)).toBe(false);
	});
});

describe(isSepaIban.name, () => {
	it('tells SEPA accounts from other valid IBANs', () => {
		expect(isSepaIban('DE89370400440532013000')).toBe(true);
		expect(isSepaIban('CH9300762011623852957')).toBe(true);
		expect(isValidIban('TR330006100519786457841326')).toBe(true);
		expect(isSepaIban('TR330006100519786457841326')).toBe(false);
	});
});

describe(isEeaIban.name, () => {
	it('excludes SEPA countries outside the EEA, where debits need more data', () => {
		expect(isEeaIban('AT611904300234573201')).toBe(true);
		expect(isEeaIban('NO9386011117947')).toBe(true);
		expect(isEeaIban('CH9300762011623852957')).toBe(false);
		expect(isEeaIban('GB82WEST12345698765432')).toBe(false);
	});
});

describe(isValidBic.name, () => {
	it.each(['COBADEFFXXX', 'COBADEFF', 'BYLADEM1001', 'wela de 8l xxx'])('accepts %s', (bic) => {
		expect(isValidBic(bic)).toBe(true);
	});
	it.each(['COBADEF', 'COBADEFFXX', 'COBADEFFXXXX', 'C0BADEFF', 'COBA1EFF', 'COBA-DEFF', ''])(
		'rejects %s',
		(bic) => {
			expect(isValidBic(bic)).toBe(false);
		}
	);
	it('normalises like IBANs', () => {
		expect(normalizeBic(' cobadeff xxx')).toBe('COBADEFFXXX');
	});
});

describe(isValidCreditorId.name, () => {
	it.each(['DE98ZZZ09999999999', 'de98 zzz 0999 9999 999', 'IT66ZZZA1B2C3D4E5F6G7H8', 'ES50ZZZM23456789'])(
		'accepts %s',
		(id) => {
			expect(isValidCreditorId(id)).toBe(true);
		}
	);

	it('ignores the business code, which the creditor may choose freely', () => {
		expect(isValidCreditorId('DE98ABC09999999999')).toBe(true);
		expect(isValidCreditorId('DE9812309999999999')).toBe(true);
	});

	it.each([
		['a wrong check digit', 'DE97ZZZ09999999999'],
		['a changed national id', 'DE98ZZZ09999999998'],
		['a German id of the wrong length', 'DE98ZZZ0999999999'],
		['letters in a German national id', 'DE98ZZZ0999999999A'],
		['no business code', 'DE9809999999999'],
		['an IBAN', 'DE89370400440532013000'],
		['nothing', '']
	])('rejects %s', (_, id) => {
		expect(isValidCreditorId(id)).toBe(false);
	});
});

describe(isValidMandateReference.name, () => {
	it.each(['M-2026-017', "MITGLIED 17/2026 (O'Neil)", 'a+b?c:d.e,f', 'x'.repeat(35)])(
		'accepts %s',
		(reference) => {
			expect(isValidMandateReference(reference)).toBe(true);
		}
	);

	it.each([
		['more than 35 characters', 'x'.repeat(MANDATE_REFERENCE_MAX_LENGTH + 1)],
		['an umlaut', 'Müller-1'],
		['an underscore', 'M_17'],
		['an ampersand', 'A&B'],
		['a leading slash', '/M17'],
		['a trailing slash', 'M17/'],
		['a double slash', 'M//17'],
		['leading or trailing spaces', ' M17 '],
		['nothing', '']
	])('rejects %s', (_, reference) => {
		expect(isValidMandateReference(reference)).toBe(false);
	});

	it('follows the rules of every SEPA identifier', () => {
		expect(isValidSepaIdentifier('MSG-2026-03')).toBe(true);
		expect(isValidSepaIdentifier('MSG<1>')).toBe(false);
	});
});

describe(formatCents.name, () => {
	it('places the decimal point without dividing', () => {
		expect(formatCents(8450)).toBe('84.50');
		expect(formatCents(1)).toBe('0.01');
		expect(formatCents(10)).toBe('0.10');
		expect(formatCents(0)).toBe('0.00');
		expect(formatCents(99_999_999_999)).toBe('999999999.99');
	});
	it('refuses fractions of a cent and negative amounts', () => {
		expect(() => formatCents(12.5)).toThrow(RangeError);
		expect(() => formatCents(-1)).toThrow(RangeError);
	});
});
