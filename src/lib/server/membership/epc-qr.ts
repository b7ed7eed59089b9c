import QRCode from 'qrcode';
import { formatCents, isSepaIban, isValidBic, normalizeBic, normalizeIban } from '#lib/membership/banking.ts';

/**
 * The EPC "GiroCode" (EPC069-12, version 002): a QR code on an invoice or dues reminder that
 * banking apps scan to fill in a SEPA credit transfer.
 */

export interface EpcPaymentInput {
	name: string;
	iban: string;
	bic?: string;
	amountCents: number;
	remittance: string;
}

/** The payload may not exceed 331 bytes, what a version 13 QR code holds at error correction M. */
export const EPC_MAX_BYTES = 331;
const NAME_MAX = 70;
const REMITTANCE_MAX = 140;
const MAX_AMOUNT_CENTS = 99_999_999_999;

/**
 * The payload lines: service tag BCD, version 002, character set 1 (UTF-8), SCT, BIC (optional in
 * the EEA since version 002), name, IBAN, amount as EUR12.34, purpose and structured reference
 * (both empty here), unstructured remittance. Throws an Error naming every problem.
 */
export function epcPayload(input: EpcPaymentInput): string {
	const name = singleLine(input.name);
	const remittance = singleLine(input.remittance);
	const bic = input.bic?.trim() ? normalizeBic(input.bic) : '';
	const problems = [
		name === '' || length(name) > NAME_MAX ? `the name must have 1–${NAME_MAX} characters` : '',
		isSepaIban(input.iban) ? '' : 'the IBAN is not a valid IBAN of a SEPA country',
		bic === '' || isValidBic(bic) ? '' : 'the BIC is not valid',
		amountProblem(input.amountCents),
		length(remittance) > REMITTANCE_MAX ? `the remittance has more than ${REMITTANCE_MAX} characters` : ''
	].filter((p) => p !== '');
	if (problems.length > 0) throw new Error(`Invalid GiroCode: ${problems.join('; ')}`);
	const lines = ['BCD', '002', '1', 'SCT', bic, name, normalizeIban(input.iban)];
	lines.push(`EUR${formatCents(input.amountCents)}`, '', '', remittance);
	// The last filled-in line ends the payload: the standard forbids separators after it.
	while (lines.at(-1) === '') lines.pop();
	const payload = lines.join('\n');
	const bytes = new TextEncoder().encode(payload).length;
	if (bytes > EPC_MAX_BYTES) {
		throw new Error(`Invalid GiroCode: ${bytes} bytes, at most ${EPC_MAX_BYTES} are allowed`);
	}
	return payload;
}

/**
 * The QR code as an inline SVG (two paths, no scripts, no links). Error correction M as the EPC
 * requires, one UTF-8 byte segment so every banking app reads the text the same way, and the
 * four-module quiet zone of the QR standard so the code scans from paper too.
 */
export async function epcQrSvg(payload: string): Promise<string> {
	const bytes = new TextEncoder().encode(payload);
	if (bytes.length > EPC_MAX_BYTES) {
		throw new Error(`Invalid GiroCode: ${bytes.length} bytes, at most ${EPC_MAX_BYTES} are allowed`);
	}
	const svg = await QRCode.toString([{ data: bytes, mode: 'byte' }], {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 4
	});
	return svg.trim();
}

function amountProblem(cents: number): string {
	return Number.isSafeInteger(cents) && cents >= 1 && cents <= MAX_AMOUNT_CENTS
		? ''
		: 'the amount must be a whole number of cents from 0.01 to 999999999.99 €';
}

/** A line break inside a field would shift every following line of the payload. */
function singleLine(value: string): string {
	return value
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
		.trim();
}

/** Characters as people count them (code points), not UTF-16 units. */
function length(value: string): number {
	return Array.from(value).length;
}
