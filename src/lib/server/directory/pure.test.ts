import { describe, expect, it } from 'vitest';
import { organisationProfileSchema } from '#lib/schemas/directory.ts';
import { asciiDigits } from '#lib/schemas/fields.ts';
import { toCsv } from '#lib/server/http/csv.ts';
import { officialMunicipality, municipalitiesOf } from './municipalities.ts';
import { slugify } from './slug.ts';

describe(slugify.name, () => {
	it('makes readable ASCII slugs', () => {
		expect(slugify('Brücke der Kulturen Zwickau e. V.')).toBe('bruecke-der-kulturen-zwickau-e-v');
		expect(slugify('Integrationsbeirat Meißen')).toBe('integrationsbeirat-meissen');
		expect(slugify('Sen Vàng Leipzig')).toBe('sen-vang-leipzig');
		expect(slugify('جمعية')).toBe('organisation');
	});
});

describe(toCsv.name, () => {
	it('quotes separators and neutralises spreadsheet formulas', () => {
		const csv = toCsv([{ a: 'x, "y"', b: '=HYPERLINK("http://evil")', c: null }]);
		expect(csv).toBe('\uFEFFa,b,c\r\n"x, ""y""","\'=HYPERLINK(""http://evil"")",\r\n');
	});
});

describe('municipalities', () => {
	it('normalises spelling, follows known mergers and accepts names it does not know', () => {
		expect(officialMunicipality('14627', 'meißen')).toBe('Meißen');
		expect(municipalitiesOf('14521')).toContain('Aue-Bad Schlema');
		expect(municipalitiesOf('14521')).not.toContain('Aue');
		expect(officialMunicipality('14521', '  Neue  Gemeinde ')).toBe('Neue Gemeinde');
	});
});

describe('profile schema', () => {
	const base = { name: 'X', kind: 'initiative', districtKey: '14612', municipality: 'Dresden' };
	it('reads Persian and Arabic-Indic digits and the Arabic comma', () => {
		expect(asciiDigits('۱۳۹۰ ٢٠١٢')).toBe('1390 2012');
		const parsed = organisationProfileSchema.parse({
			...base,
			foundingYear: '۲۰۱۵',
			postalCode: '٠١٠٦٧',
			communities: 'سوريون، أفغان'
		});
		expect(parsed).toMatchObject({
			foundingYear: 2015,
			postalCode: '01067',
			communities: ['سوريون', 'أفغان']
		});
	});
	it('rejects unknown checkbox values, non-http websites and register data without a legal form', () => {
		expect(organisationProfileSchema.safeParse({ ...base, languages: ['de', 'xx'] }).success).toBe(false);
		expect(organisationProfileSchema.safeParse({ ...base, website: 'javascript:alert(1)' }).success).toBe(
			false
		);
		const noForm = organisationProfileSchema.safeParse({ ...base, registerNumber: 'VR 12' });
		expect(noForm.error?.issues[0]?.message).toBe('directory_legal_form_required');
		expect(organisationProfileSchema.parse({ ...base, languages: 'uk' }).languages).toEqual(['uk']);
	});
});
