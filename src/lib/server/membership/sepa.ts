import {
	formatCents,
	isEeaIban,
	isSepaIban,
	isValidBic,
	isValidCreditorId,
	isValidMandateReference,
	isValidSepaIdentifier,
	normalizeBic,
	normalizeCreditorId,
	normalizeIban
} from '#lib/membership/banking.ts';

/**
 * SEPA core direct debit files (ISO 20022 pain.008.001.08, the version German banks take since
 * November 2023) for collecting membership dues. The caller gathers the debits; this module only
 * checks them and writes the XML the association uploads to its online banking.
 */

export const PAIN_008_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.008.001.08';

/** First, recurring, one-off and final debit of a mandate; the file has one block per type. */
export const SEQUENCE_TYPES = ['FRST', 'RCUR', 'OOFF', 'FNAL'] as const;
export type SequenceType = (typeof SEQUENCE_TYPES)[number];

export interface DirectDebitTransaction {
	endToEndId: string;
	amountCents: number;
	mandateId: string;
	/** YYYY-MM-DD */
	mandateSignedOn: string;
	sequenceType: SequenceType;
	debtorName: string;
	debtorIban: string;
	debtorBic?: string;
	remittance: string;
}

export interface DirectDebitInput {
	messageId: string;
	createdAt: Date;
	initiatingParty: string;
	creditor: { name: string; iban: string; bic?: string; creditorId: string };
	/** YYYY-MM-DD */
	collectionDate: string;
	transactions: readonly DirectDebitTransaction[];
}

/** Every problem of the input at once, so a whole batch can be corrected in one go. */
export class SepaInputError extends Error {
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super(`Invalid SEPA direct debit: ${problems.join('; ')}`);
		this.name = 'SepaInputError';
		this.problems = problems;
	}
}

/** Names are at most 70 characters in SEPA (ISO allows 140), remittance text 140. */
const NAME_MAX = 70;
const REMITTANCE_MAX = 140;
/** The largest amount SEPA allows: 999,999,999.99 €. */
const MAX_AMOUNT_CENTS = 99_999_999_999;

/** The pain.008.001.08 document; throws a SepaInputError listing what is wrong with the input. */
export function buildPain008(input: DirectDebitInput): string {
	const problems = validateInput(input);
	if (problems.length > 0) throw new SepaInputError(problems);
	const all = input.transactions;
	const groupHeader = node('GrpHdr', [
		leaf('MsgId', input.messageId),
		leaf('CreDtTm', isoDateTime(input.createdAt)),
		leaf('NbOfTxs', String(all.length)),
		leaf('CtrlSum', formatCents(sumCents(all))),
		node('InitgPty', [leaf('Nm', sepaText(input.initiatingParty, NAME_MAX))])
	]);
	const blocks = SEQUENCE_TYPES.map((type) => ({ type, group: all.filter((t) => t.sequenceType === type) }))
		.filter(({ group }) => group.length > 0)
		.map(({ type, group }) => paymentInformation(input, type, group));
	const document = node('Document', [node('CstmrDrctDbtInitn', [groupHeader, ...blocks])], {
		xmlns: PAIN_008_NAMESPACE
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(document, '')}\n`;
}

/** One PmtInf block: all debits of one sequence type, collected on the same day. */
function paymentInformation(
	input: DirectDebitInput,
	type: SequenceType,
	group: readonly DirectDebitTransaction[]
) {
	const { creditor } = input;
	return node('PmtInf', [
		// Unique within the message; the cut keeps the suffix inside the 35 characters.
		leaf('PmtInfId', `${input.messageId.slice(0, 30)}-${type}`),
		leaf('PmtMtd', 'DD'),
		leaf('NbOfTxs', String(group.length)),
		leaf('CtrlSum', formatCents(sumCents(group))),
		node('PmtTpInf', [
			node('SvcLvl', [leaf('Cd', 'SEPA')]),
			node('LclInstrm', [leaf('Cd', 'CORE')]),
			leaf('SeqTp', type)
		]),
		leaf('ReqdColltnDt', input.collectionDate),
		node('Cdtr', [leaf('Nm', sepaText(creditor.name, NAME_MAX))]),
		node('CdtrAcct', [node('Id', [leaf('IBAN', normalizeIban(creditor.iban))])]),
		agent('CdtrAgt', creditor.bic),
		leaf('ChrgBr', 'SLEV'),
		node('CdtrSchmeId', [
			node('Id', [
				node('PrvtId', [
					node('Othr', [
						leaf('Id', normalizeCreditorId(creditor.creditorId)),
						node('SchmeNm', [leaf('Prtry', 'SEPA')])
					])
				])
			])
		]),
		...group.map(transactionInformation)
	]);
}

function transactionInformation(t: DirectDebitTransaction) {
	const remittance = sepaText(t.remittance, REMITTANCE_MAX);
	return node('DrctDbtTxInf', [
		node('PmtId', [leaf('EndToEndId', t.endToEndId)]),
		leaf('InstdAmt', formatCents(t.amountCents), { Ccy: 'EUR' }),
		node('DrctDbtTx', [
			node('MndtRltdInf', [leaf('MndtId', t.mandateId), leaf('DtOfSgntr', t.mandateSignedOn)])
		]),
		agent('DbtrAgt', t.debtorBic),
		node('Dbtr', [leaf('Nm', sepaText(t.debtorName, NAME_MAX))]),
		node('DbtrAcct', [node('Id', [leaf('IBAN', normalizeIban(t.debtorIban))])]),
		...(remittance === '' ? [] : [node('RmtInf', [leaf('Ustrd', remittance)])])
	]);
}

/** Within the EEA the BIC may be left out ("IBAN only"); the schema then wants NOTPROVIDED. */
function agent(name: string, bic: string | undefined) {
	const id = bic?.trim() ? leaf('BICFI', normalizeBic(bic)) : node('Othr', [leaf('Id', 'NOTPROVIDED')]);
	return node(name, [node('FinInstnId', [id])]);
}

// ---------------------------------------------------------------------------------------------
// Checks

const idRule =
	"must be 1–35 characters of A–Z a–z 0–9 space + ? / - : ( ) . , ' without leading, trailing or double '/'";
const nameRule = 'needs a name with letters or digits';

function validateInput(input: DirectDebitInput): string[] {
	const problems: string[] = [];
	const check = (ok: boolean, problem: string) => {
		if (!ok) problems.push(problem);
	};
	check(isValidSepaIdentifier(input.messageId), `message id ${idRule}`);
	check(isValidDate(input.createdAt), 'the creation time is not a valid date');
	check(sepaText(input.initiatingParty, NAME_MAX) !== '', `the initiating party ${nameRule}`);
	problems.push(...creditorProblems(input.creditor));
	check(isIsoDate(input.collectionDate), 'the collection date must be a date as YYYY-MM-DD');
	if (isIsoDate(input.collectionDate) && isValidDate(input.createdAt)) {
		check(
			input.collectionDate > input.createdAt.toISOString().slice(0, 10),
			'the collection date must lie after the creation date (a debit needs a business day)'
		);
	}
	check(input.transactions.length > 0, 'there are no transactions');
	const seen = new Set<string>();
	input.transactions.forEach((t, index) => {
		const where = `transaction ${index + 1} (${JSON.stringify(t.endToEndId)})`;
		check(!seen.has(t.endToEndId), `${where}: the end-to-end id is used twice`);
		seen.add(t.endToEndId);
		problems.push(...transactionProblems(t, input.collectionDate).map((p) => `${where}: ${p}`));
	});
	check(Number.isSafeInteger(sumCents(input.transactions)), 'the total is too large');
	return problems;
}

function creditorProblems(creditor: DirectDebitInput['creditor']): string[] {
	return [
		sepaText(creditor.name, NAME_MAX) === '' ? `the creditor ${nameRule}` : '',
		isSepaIban(creditor.iban) ? '' : 'the creditor IBAN is not a valid IBAN of a SEPA country',
		bicProblem(creditor.bic, 'creditor'),
		isValidCreditorId(creditor.creditorId) ? '' : 'the creditor identifier is not valid'
	].filter((p) => p !== '');
}

function transactionProblems(t: DirectDebitTransaction, collectionDate: string): string[] {
	const problems = [
		isValidSepaIdentifier(t.endToEndId) ? '' : `the end-to-end id ${idRule}`,
		amountProblem(t.amountCents),
		isValidMandateReference(t.mandateId) ? '' : `the mandate reference ${idRule}`,
		mandateDateProblem(t.mandateSignedOn, collectionDate),
		SEQUENCE_TYPES.includes(t.sequenceType) ? '' : 'the sequence type must be FRST, RCUR, OOFF or FNAL',
		sepaText(t.debtorName, NAME_MAX) === '' ? `the debtor ${nameRule}` : '',
		debtorIbanProblem(t.debtorIban),
		bicProblem(t.debtorBic, 'debtor')
	];
	return problems.filter((p) => p !== '');
}

function amountProblem(cents: number): string {
	return Number.isSafeInteger(cents) && cents >= 1 && cents <= MAX_AMOUNT_CENTS
		? ''
		: 'the amount must be a whole number of cents from 0.01 to 999999999.99 €';
}

function mandateDateProblem(signedOn: string, collectionDate: string): string {
	if (!isIsoDate(signedOn)) return 'the mandate signature date must be a date as YYYY-MM-DD';
	return signedOn <= collectionDate ? '' : 'the mandate is signed after the collection date';
}

/**
 * Debits to SEPA countries outside the EEA (Switzerland, the UK …) need the debtor's postal
 * address and BIC; the input has no address, so they are refused here rather than by the bank.
 */
function debtorIbanProblem(iban: string): string {
	if (!isSepaIban(iban)) return 'the debtor IBAN is not a valid IBAN of a SEPA country';
	return isEeaIban(iban)
		? ''
		: 'debits to accounts outside the EEA need a postal address, which is not supported';
}

function bicProblem(bic: string | undefined, party: string): string {
	return bic === undefined || bic.trim() === '' || isValidBic(bic) ? '' : `the ${party} BIC is not valid`;
}

function isIsoDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	// Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isValidDate(value: Date): boolean {
	return value instanceof Date && !Number.isNaN(value.getTime());
}

// ---------------------------------------------------------------------------------------------
// Amounts, times and text

/** Sums in integer cents: adding euros as floating point numbers drifts (0.1 + 0.2). */
function sumCents(transactions: readonly DirectDebitTransaction[]): number {
	return transactions.reduce((sum, t) => sum + t.amountCents, 0);
}

/** UTC without milliseconds, e.g. 2026-03-01T09:30:00Z (ISO 20022 ISODateTime). */
function isoDateTime(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * German and other Latin letters the SEPA character set lacks, spelled the customary way. Other
 * accents are dropped after Unicode decomposition (é → e, ł stays here because it does not
 * decompose).
 */
// prettier-ignore
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
	ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS',
	æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
	ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', ı: 'i',
	'&': '+', _: '-', '–': '-', '—': '-', '‘': "'", '’': "'", '‚': "'", '"': "'", '“': "'",
	'”': "'", '„': "'", '«': "'", '»': "'", ';': ',', '[': '(', ']': ')', '{': '(', '}': ')'
};

/**
 * Text in the SEPA character set (A–Z a–z 0–9 space and + ? / - : ( ) . , '), which every bank in
 * the scheme must accept: letters transliterated, anything else turned into a space, spaces
 * collapsed, then cut to the field's length.
 */
export function sepaText(value: string, maxLength: number): string {
	const transliterated = Array.from(value.normalize('NFC'), (c) => TRANSLITERATIONS[c] ?? c).join('');
	return transliterated
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^A-Za-z0-9+?/\-:().,' ]/g, ' ')
		.replace(/ {2,}/g, ' ')
		.trim()
		.slice(0, maxLength)
		.trimEnd();
}

// ---------------------------------------------------------------------------------------------
// XML

interface XmlElement {
	name: string;
	attributes: Attributes;
	content: string | readonly XmlElement[];
}

type Attributes = Readonly<Record<string, string>>;

function node(name: string, children: readonly XmlElement[], attributes: Attributes = {}): XmlElement {
	return { name, attributes, content: children };
}

function leaf(name: string, text: string, attributes: Attributes = {}): XmlElement {
	return { name, attributes, content: text };
}

/**
 * Text and double-quoted attribute values. The SEPA character set already excludes these
 * characters from the texts, but escaping is what guarantees a well-formed document, whatever
 * reaches it. The apostrophe (part of the SEPA set) needs no escaping here and is left readable.
 */
export function escapeXml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

function renderXml(element: XmlElement, indent: string): string {
	const attributes = Object.entries(element.attributes)
		.map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
		.join('');
	const open = `${indent}<${element.name}${attributes}>`;
	if (typeof element.content === 'string') {
		return `${open}${escapeXml(element.content)}</${element.name}>`;
	}
	const children = element.content.map((child) => renderXml(child, `${indent}  `));
	return [open, ...children, `${indent}</${element.name}>`].join('\n');
}
