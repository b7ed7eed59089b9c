import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { EPC_MAX_BYTES, epcPayload, epcQrSvg, type EpcPaymentInput } from './epc-qr.ts';

const dues: EpcPaymentInput = {
	name: 'Integrationsnetzwerk Sachsen e. V.',
	iban: 'DE02 1203 0000 0000 2020 51',
	bic: 'byladem1001',
	amountCents: 2400,
	remittance: 'Mitgliedsbeitrag 2026 M-2026-017'
};

describe(epcPayload.name, () => {
	it('writes the EPC069-12 version 002 lines, without a line break after the last', () => {
		expect(epcPayload(dues)).toBe(
			[
				'BCD',
				'002',
				'1',
				'SCT',
				'BYLADEM1001',
				'Integrationsnetzwerk Sachsen e. V.',
				'DE02120300000000202051',
				'EUR24.00',
				'',
				'',
				'Mitgliedsbeitrag 2026 M-2026-017'
			].join('\n')
		);
	});

	it('leaves the BIC line empty when there is none', () => {
		expect(epcPayload({ ...dues, bic: undefined }).split('\n')[4]).toBe('');
		expect(epcPayload({ ...dues, bic: ' ' }).split('\n')[4]).toBe('');
	});

	it('ends after the amount when there is no remittance', () => {
		expect(epcPayload({ ...dues, remittance: '' })).toBe(
			'BCD\n002\n1\nSCT\nBYLADEM1001\nIntegrationsnetzwerk Sachsen e. V.\nDE02120300000000202051\nEUR24.00'
		);
	});

	it('writes amounts with two decimals, from a cent to the maximum', () => {
		const amount = (amountCents: number) => epcPayload({ ...dues, amountCents }).split('\n')[7];
		expect(amount(1)).toBe('EUR0.01');
		expect(amount(1250)).toBe('EUR12.50');
		expect(amount(99_999_999_999)).toBe('EUR999999999.99');
	});

	it('keeps UTF-8 text (character set 1) but puts every field on one line', () => {
		const lines = epcPayload({
			...dues,
			name: 'Förderverein Groß',
			remittance: 'Beitrag\r\nJürgen\tMüller'
		}).split('\n');
		expect(lines[5]).toBe('Förderverein Groß');
		expect(lines[10]).toBe('Beitrag Jürgen Müller');
		expect(lines).toHaveLength(11);
	});

	it('takes names of 70 and remittances of 140 characters, counting characters not bytes', () => {
		const widest = epcPayload({ ...dues, name: 'Ü'.repeat(70), remittance: 'r'.repeat(130) });
		expect(widest.split('\n')[5]).toBe('Ü'.repeat(70));
		// 201 bytes up to the remittance (the name's umlauts take two each), 130 for it: exactly 331.
		expect(new TextEncoder().encode(widest).length).toBe(EPC_MAX_BYTES);
		expect(epcPayload({ ...dues, remittance: 'r'.repeat(140) }).split('\n')[10]).toHaveLength(140);
	});

	it.each<[string, Partial<EpcPaymentInput>, RegExp]>([
		['an empty name', { name: '  ' }, /name/],
		['a name over 70 characters', { name: 'n'.repeat(71) }, /name/],
		['a remittance over 140 characters', { remittance: 'r'.repeat(141) }, /remittance/],
		['a bad IBAN', { iban: 'DE89370400440532013001' }, /IBAN/],
		['an IBAN outside SEPA', { iban: 'TR330006100519786457841326' }, /IBAN/],
		['a bad BIC', { bic: 'BYLA' }, /BIC/],
		['no amount', { amountCents: 0 }, /amount/],
		['a fraction of a cent', { amountCents: 0.5 }, /amount/],
		['an amount above 999999999.99', { amountCents: 100_000_000_000 }, /amount/]
	])('refuses %s', (_, change, message) => {
		expect(() => epcPayload({ ...dues, ...change })).toThrow(message);
	});

	it(`refuses payloads over ${EPC_MAX_BYTES} bytes`, () => {
		// 70 + 140 characters fit, but not when each takes two bytes in UTF-8.
		const wide = { ...dues, name: 'Ä'.repeat(70), remittance: 'ö'.repeat(140) };
		expect(() => epcPayload(wide)).toThrow(/bytes/);
		const fitting = epcPayload({ ...dues, name: 'A'.repeat(70), remittance: 'o'.repeat(140) });
		expect(new TextEncoder().encode(fitting).length).toBeLessThanOrEqual(EPC_MAX_BYTES);
	});
});

describe(epcQrSvg.name, () => {
	it('returns an inline SVG without scripts or external references', async () => {
		const svg = await epcQrSvg(epcPayload(dues));
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg.endsWith('</svg>')).toBe(true);
		expect(svg).not.toMatch(/<script|<foreignObject|href|url\(|\son\w+=/i);
		expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
	});

	it('fits the longest payload into a version 13 code at error correction M', async () => {
		const longest = epcPayload({ ...dues, name: 'A'.repeat(70), remittance: 'o'.repeat(140) });
		const code = QRCode.create([{ data: new TextEncoder().encode(longest), mode: 'byte' }], {
			errorCorrectionLevel: 'M'
		});
		expect(code.version).toBeLessThanOrEqual(13);
		expect(code.errorCorrectionLevel.bit).toBe(
			QRCode.create('x', { errorCorrectionLevel: 'M' }).errorCorrectionLevel.bit
		);
		// The SVG's size is the module count plus the quiet zone: the same code.
		const svg = await epcQrSvg(longest);
		const size = code.modules.size + 8;
		expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
	});

	it('refuses a payload that is too long for a GiroCode', async () => {
		await expect(epcQrSvg('x'.repeat(EPC_MAX_BYTES + 1))).rejects.toThrow(/bytes/);
	});
});
