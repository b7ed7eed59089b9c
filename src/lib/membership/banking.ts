/**
 * Checks for the bank details members give for their dues: IBAN, BIC, the association's SEPA
 * creditor identifier and mandate references. Pure and client-safe, so forms can check as people
 * type and the server checks the same way again.
 */

/**
 * IBAN length per country (SWIFT IBAN registry). SEPA countries first: only these can be debited
 * or paid by SEPA transfer. The French overseas departments and the Channel Islands use IBANs of FR
 * and GB, so they need no entry of their own.
 */
// prettier-ignore
const SEPA_IBAN_LENGTHS: Readonly<Record<string, number>> = {
	AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
	FI: 18, FO: 18, FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27,
	LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MT: 31, NL: 18, NO: 15, PL: 28,
	PT: 25, RO: 24, RS: 22, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22
};

/** IBAN countries outside SEPA: valid accounts, but no SEPA direct debit or GiroCode to them. */
// prettier-ignore
const OTHER_IBAN_LENGTHS: Readonly<Record<string, number>> = {
	AE: 23, AZ: 28, BA: 20, BH: 22, BR: 29, BY: 28, CR: 22, DO: 28, EG: 29, GE: 22, GT: 28, IL: 23,
	IQ: 23, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LY: 25, MR: 27, MU: 30, PK: 24, PS: 29, QA: 29,
	RU: 33, SA: 24, SC: 31, SD: 18, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20
};

/**
 * The SEPA countries outside the EEA (EU, Iceland, Liechtenstein, Norway). Debits to accounts there
 * need the debtor's BIC and postal address, which the EEA rules let us leave out.
 */
const NON_EEA_SEPA_COUNTRIES: ReadonlySet<string> = new Set('AD AL CH GB GI MC MD ME MK RS SM VA'.split(' '));

/** Without spaces (people copy IBANs in groups of four) and in capitals. */
export function normalizeIban(iban: string): string {
	return iban.replace(/\s+/g, '').toUpperCase();
}

/** Groups of four for display: "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
	return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Length for the country, alphanumeric account part and the ISO 13616 check digits (the number
 * with the first four characters moved to the end is 1 modulo 97). Spaces and case are ignored.
 */
export function isValidIban(iban: string): boolean {
	const normalized = normalizeIban(iban);
	const length = ibanLength(normalized.slice(0, 2));
	if (length === undefined || normalized.length !== length) return false;
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(normalized)) return false;
	return mod97(lettersToDigits(normalized.slice(4) + normalized.slice(0, 4))) === 1;
}

/** A valid IBAN of a country in the SEPA scheme, so it can be debited or paid by SEPA. */
export function isSepaIban(iban: string): boolean {
	const normalized = normalizeIban(iban);
	return isValidIban(normalized) && Object.hasOwn(SEPA_IBAN_LENGTHS, normalized.slice(0, 2));
}

/** A valid SEPA IBAN inside the EEA, where a debit needs neither BIC nor debtor address. */
export function isEeaIban(iban: string): boolean {
	const normalized = normalizeIban(iban);
	return isSepaIban(normalized) && !NON_EEA_SEPA_COUNTRIES.has(normalized.slice(0, 2));
}

function ibanLength(country: string): number | undefined {
	return Object.hasOwn(SEPA_IBAN_LENGTHS, country)
		? SEPA_IBAN_LENGTHS[country]
		: Object.hasOwn(OTHER_IBAN_LENGTHS, country)
			? OTHER_IBAN_LENGTHS[country]
			: undefined;
}

/** A=10 … Z=35, as ISO 7064 wants letters before the modulo. */
function lettersToDigits(value: string): string {
	return value.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
}

/** The remainder of a long decimal string, piecewise so every step stays an exact integer. */
function mod97(digits: string): number {
	let remainder = 0;
	for (let i = 0; i < digits.length; i += 7) {
		remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
	}
	return remainder;
}

/** Without spaces and in capitals. */
export function normalizeBic(bic: string): string {
	return bic.replace(/\s+/g, '').toUpperCase();
}

/**
 * ISO 9362: four letters for the bank, two for the country, two letters or digits for the
 * location and optionally three for the branch. Spaces and case are ignored.
 */
export function isValidBic(bic: string): boolean {
	return /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalizeBic(bic));
}

/** Without spaces and in capitals, as banks print it ("Gläubiger-Identifikationsnummer"). */
export function normalizeCreditorId(creditorId: string): string {
	return creditorId.replace(/\s+/g, '').toUpperCase();
}

/** The national creditor identifier has a fixed length in some countries (Germany: 11 digits). */
const CREDITOR_ID_LENGTHS: Readonly<Record<string, number>> = { DE: 18 };

/**
 * A SEPA creditor identifier such as "DE98ZZZ09999999999": country, two check digits, a
 * three-character business code the creditor may choose freely (so it is left out of the check),
 * and the national identifier. The check digits are ISO 7064 mod 97-10 over the national
 * identifier followed by the country and "00" (EPC262-08).
 */
export function isValidCreditorId(creditorId: string): boolean {
	const id = normalizeCreditorId(creditorId);
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(id)) return false;
	const country = id.slice(0, 2);
	const fixedLength = CREDITOR_ID_LENGTHS[country];
	if (fixedLength !== undefined && id.length !== fixedLength) return false;
	if (country === 'DE' && !/^\d+$/.test(id.slice(7))) return false;
	const expected = 98 - mod97(lettersToDigits(`${id.slice(7)}${country}00`));
	return String(expected).padStart(2, '0') === id.slice(2, 4);
}

export const MANDATE_REFERENCE_MAX_LENGTH = 35;

/**
 * A mandate reference (SEPA "MndtId"): 1–35 characters of A–Z, a–z, 0–9, space and
 * `+ ? / - : ( ) . , '`. As for every SEPA identifier, it must not start or end with "/" nor contain
 * "//". Leading or trailing spaces are refused because banks trim them and the reference would no
 * longer match the signed mandate. Banks compare references case-insensitively, so "M-1a" and
 * "M-1A" are the same mandate.
 */
export function isValidMandateReference(reference: string): boolean {
	return isValidSepaIdentifier(reference);
}

/** The rules of a SEPA identifier (message, payment, end-to-end and mandate ids). */
export function isValidSepaIdentifier(id: string): boolean {
	return (
		id.length >= 1 &&
		id.length <= MANDATE_REFERENCE_MAX_LENGTH &&
		/^[A-Za-z0-9+?/\-:().,' ]+$/.test(id) &&
		id.trim() === id &&
		!id.startsWith('/') &&
		!id.endsWith('/') &&
		!id.includes('//')
	);
}

/**
 * Whole cents as the decimal SEPA files and GiroCodes use: 8450 → "84.50". The point is placed in
 * the string, never by dividing, so no floating point rounding can creep in.
 */
export function formatCents(cents: number): string {
	if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`Not a number of cents: ${cents}`);
	const digits = String(cents).padStart(3, '0');
	return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
