import { describe, expect, it } from 'vitest';
import {
	buildPain008,
	escapeXml,
	PAIN_008_NAMESPACE,
	sepaText,
	SepaInputError,
	type DirectDebitInput,
	type DirectDebitTransaction
} from './sepa.ts';

// ---------------------------------------------------------------------------------------------
// A deliberately strict little XML reader: no XML library is installed, and the generator only
// writes elements, double-quoted attributes and escaped text. Anything it does not understand is a
// failure, so it also proves the output well-formed (tags balanced, one root, entities valid).

interface El {
	name: string;
	attributes: Record<string, string>;
	children: El[];
	text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
	if (raw.includes('<')) throw new Error(`raw "<" in ${raw}`);
	return raw.replace(/&([^;]*);?/g, (whole, name: string) => {
		const value = ENTITIES[name];
		if (value === undefined || !whole.endsWith(';')) throw new Error(`bad entity ${whole}`);
		return value;
	});
}

function parseXml(xml: string): El {
	const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/;
	if (!declaration.test(xml)) throw new Error('missing XML declaration');
	const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*>|([^<]+)/y;
	token.lastIndex = xml.match(declaration)?.[0].length ?? 0;
	const root: El = { name: '#root', attributes: {}, children: [], text: '' };
	const stack: El[] = [root];
	while (token.lastIndex < xml.length) {
		const at = token.lastIndex;
		const match = token.exec(xml);
		if (!match) throw new Error(`not XML at ${at}: ${xml.slice(at, at + 40)}`);
		const [, closing, name, attributes, text] = match;
		const current = stack.at(-1) as El;
		if (text !== undefined) {
			if (current === root && text.trim() !== '') throw new Error('text outside the root');
			current.text += decode(text);
		} else if (closing) {
			if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
			stack.pop();
		} else {
			const element: El = { name: name as string, attributes: {}, children: [], text: '' };
			for (const [, key, value] of (attributes ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) {
				element.attributes[key as string] = decode(value as string);
			}
			if (current === root && root.children.length > 0) throw new Error('two root elements');
			current.children.push(element);
			stack.push(element);
		}
	}
	if (stack.length !== 1) throw new Error(`<${stack.at(-1)?.name}> is not closed`);
	const [document] = root.children;
	if (!document) throw new Error('no root element');
	return document;
}

/** The child elements along a path such as "PmtInf/DrctDbtTxInf"; every step must exist. */
function all(element: El, path: string): El[] {
	return path
		.split('/')
		.reduce<El[]>(
			(found, step) => found.flatMap((e) => e.children.filter((c) => c.name === step)),
			[element]
		);
}

function one(element: El, path: string): El {
	const found = all(element, path);
	if (found.length !== 1) throw new Error(`${path}: ${found.length} elements`);
	return found[0] as El;
}

function text(element: El, path: string): string {
	return one(element, path).text;
}

function childNames(element: El): string[] {
	return element.children.map((c) => c.name);
}

// ---------------------------------------------------------------------------------------------

const creditor = {
	name: 'Integrationsnetzwerk Sachsen e. V.',
	iban: 'DE02 1203 0000 0000 2020 51',
	bic: 'BYLADEM1001',
	creditorId: 'DE98ZZZ09999999999'
};

function transaction(overrides: Partial<DirectDebitTransaction> = {}): DirectDebitTransaction {
	return {
		endToEndId: 'BEITRAG-2026-017',
		amountCents: 2400,
		mandateId: 'M-2026-017',
		mandateSignedOn: '2026-01-10',
		sequenceType: 'RCUR',
		debtorName: 'Olena Kovalenko',
		debtorIban: 'DE89370400440532013000',
		debtorBic: 'COBADEFFXXX',
		remittance: 'Mitgliedsbeitrag 2026 M-2026-017',
		...overrides
	};
}

function input(transactions: DirectDebitTransaction[], overrides: Partial<DirectDebitInput> = {}) {
	return {
		messageId: 'BEITRAEGE-2026-03',
		createdAt: new Date('2026-02-20T09:30:00.123Z'),
		initiatingParty: 'Integrationsnetzwerk Sachsen e. V.',
		creditor,
		collectionDate: '2026-03-02',
		transactions,
		...overrides
	} satisfies DirectDebitInput;
}

function parse(data: DirectDebitInput): El {
	return parseXml(buildPain008(data));
}

describe(buildPain008.name, () => {
	const frst = transaction({
		endToEndId: 'BEITRAG-2026-001',
		mandateId: 'M-2026-001',
		sequenceType: 'FRST',
		debtorName: 'Amir Haddad',
		debtorIban: 'DE02120300000000202051',
		debtorBic: undefined,
		remittance: 'Mitgliedsbeitrag 2026'
	});
	const rcur = transaction();

	it('writes a well-formed pain.008.001.08 document in the schema order', () => {
		const document = parse(input([frst, rcur]));
		expect(document.name).toBe('Document');
		expect(document.attributes).toEqual({ xmlns: PAIN_008_NAMESPACE });
		expect(childNames(document)).toEqual(['CstmrDrctDbtInitn']);
		const initiation = one(document, 'CstmrDrctDbtInitn');
		expect(childNames(initiation)).toEqual(['GrpHdr', 'PmtInf', 'PmtInf']);
		expect(childNames(one(initiation, 'GrpHdr'))).toEqual([
			'MsgId',
			'CreDtTm',
			'NbOfTxs',
			'CtrlSum',
			'InitgPty'
		]);
		expect(childNames(one(initiation, 'GrpHdr/InitgPty'))).toEqual(['Nm']);

		for (const block of all(initiation, 'PmtInf')) {
			expect(childNames(block)).toEqual([
				'PmtInfId',
				'PmtMtd',
				'NbOfTxs',
				'CtrlSum',
				'PmtTpInf',
				'ReqdColltnDt',
				'Cdtr',
				'CdtrAcct',
				'CdtrAgt',
				'ChrgBr',
				'CdtrSchmeId',
				'DrctDbtTxInf'
			]);
			expect(childNames(one(block, 'PmtTpInf'))).toEqual(['SvcLvl', 'LclInstrm', 'SeqTp']);
			expect(childNames(one(block, 'CdtrSchmeId/Id/PrvtId/Othr'))).toEqual(['Id', 'SchmeNm']);
			expect(childNames(one(block, 'DrctDbtTxInf'))).toEqual([
				'PmtId',
				'InstdAmt',
				'DrctDbtTx',
				'DbtrAgt',
				'Dbtr',
				'DbtrAcct',
				'RmtInf'
			]);
			expect(childNames(one(block, 'DrctDbtTxInf/DrctDbtTx/MndtRltdInf'))).toEqual(['MndtId', 'DtOfSgntr']);
		}
	});

	it('fills in the header, one block per sequence type and each debit', () => {
		const initiation = one(parse(input([rcur, frst])), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'GrpHdr/MsgId')).toBe('BEITRAEGE-2026-03');
		expect(text(initiation, 'GrpHdr/CreDtTm')).toBe('2026-02-20T09:30:00Z');
		expect(text(initiation, 'GrpHdr/InitgPty/Nm')).toBe('Integrationsnetzwerk Sachsen e. V.');

		// FRST first, whatever the order of the input.
		const [first, recurring] = all(initiation, 'PmtInf') as [El, El];
		expect(text(first, 'PmtTpInf/SeqTp')).toBe('FRST');
		expect(text(recurring, 'PmtTpInf/SeqTp')).toBe('RCUR');
		expect(text(first, 'PmtInfId')).toBe('BEITRAEGE-2026-03-FRST');
		expect(text(recurring, 'PmtInfId')).toBe('BEITRAEGE-2026-03-RCUR');

		expect(text(first, 'PmtMtd')).toBe('DD');
		expect(text(first, 'PmtTpInf/SvcLvl/Cd')).toBe('SEPA');
		expect(text(first, 'PmtTpInf/LclInstrm/Cd')).toBe('CORE');
		expect(text(first, 'ReqdColltnDt')).toBe('2026-03-02');
		expect(text(first, 'Cdtr/Nm')).toBe('Integrationsnetzwerk Sachsen e. V.');
		expect(text(first, 'CdtrAcct/Id/IBAN')).toBe('DE02120300000000202051');
		expect(text(first, 'CdtrAgt/FinInstnId/BICFI')).toBe('BYLADEM1001');
		expect(text(first, 'ChrgBr')).toBe('SLEV');
		expect(text(first, 'CdtrSchmeId/Id/PrvtId/Othr/Id')).toBe('DE98ZZZ09999999999');
		expect(text(first, 'CdtrSchmeId/Id/PrvtId/Othr/SchmeNm/Prtry')).toBe('SEPA');

		const debit = one(recurring, 'DrctDbtTxInf');
		expect(text(debit, 'PmtId/EndToEndId')).toBe('BEITRAG-2026-017');
		expect(one(debit, 'InstdAmt').attributes).toEqual({ Ccy: 'EUR' });
		expect(text(debit, 'InstdAmt')).toBe('24.00');
		expect(text(debit, 'DrctDbtTx/MndtRltdInf/MndtId')).toBe('M-2026-017');
		expect(text(debit, 'DrctDbtTx/MndtRltdInf/DtOfSgntr')).toBe('2026-01-10');
		expect(text(debit, 'DbtrAgt/FinInstnId/BICFI')).toBe('COBADEFFXXX');
		expect(text(debit, 'Dbtr/Nm')).toBe('Olena Kovalenko');
		expect(text(debit, 'DbtrAcct/Id/IBAN')).toBe('DE89370400440532013000');
		expect(text(debit, 'RmtInf/Ustrd')).toBe('Mitgliedsbeitrag 2026 M-2026-017');
	});

	it('writes NOTPROVIDED for an agent without BIC (IBAN only)', () => {
		const initiation = one(
			parse(input([frst], { creditor: { ...creditor, bic: undefined } })),
			'CstmrDrctDbtInitn'
		);
		expect(text(initiation, 'PmtInf/CdtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');
		expect(all(initiation, 'PmtInf/CdtrAgt/FinInstnId/BICFI')).toEqual([]);
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/DbtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');
	});

	it('counts and sums in whole cents per block and in total', () => {
		const debits = [
			transaction({ endToEndId: 'E1', amountCents: 2400 }),
			transaction({ endToEndId: 'E2', amountCents: 2400 }),
			transaction({ endToEndId: 'E3', amountCents: 2400, sequenceType: 'FRST' }),
			transaction({ endToEndId: 'E4', amountCents: 1250 })
		];
		const initiation = one(parse(input(debits)), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'GrpHdr/NbOfTxs')).toBe('4');
		expect(text(initiation, 'GrpHdr/CtrlSum')).toBe('84.50');
		const [first, recurring] = all(initiation, 'PmtInf') as [El, El];
		expect([text(first, 'NbOfTxs'), text(first, 'CtrlSum')]).toEqual(['1', '24.00']);
		expect([text(recurring, 'NbOfTxs'), text(recurring, 'CtrlSum')]).toEqual(['3', '60.50']);
		expect(all(recurring, 'DrctDbtTxInf').map((d) => text(d, 'InstdAmt'))).toEqual([
			'24.00',
			'24.00',
			'12.50'
		]);
	});

	it('sums amounts that floating point euros would get wrong', () => {
		// 0.10 + 0.20 + 0.07 is 0.37000000000000005 in floating point.
		const debits = [10, 20, 7].map((amountCents, i) => transaction({ endToEndId: `E${i}`, amountCents }));
		const initiation = one(parse(input(debits)), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'GrpHdr/CtrlSum')).toBe('0.37');
		expect(all(initiation, 'PmtInf/DrctDbtTxInf/InstdAmt').map((a) => a.text)).toEqual([
			'0.10',
			'0.20',
			'0.07'
		]);
	});

	it('keeps names within the SEPA character set, transliterated and escaped', () => {
		const debtor = transaction({
			debtorName: 'Jürgen Groß & Söhne <GmbH>',
			remittance: 'Beitrag für Ärztin Çelik – Nguyễn Thị Hương; Ölmühle'
		});
		const xml = buildPain008(input([debtor], { initiatingParty: 'Verein "A<B" & Co' }));
		const initiation = one(parseXml(xml), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/Dbtr/Nm')).toBe('Juergen Gross + Soehne GmbH');
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/RmtInf/Ustrd')).toBe(
			'Beitrag fuer Aerztin Celik - Nguyen Thi Huong, Oelmuehle'
		);
		expect(text(initiation, 'GrpHdr/InitgPty/Nm')).toBe("Verein 'A B' + Co");
		expect(xml).not.toMatch(/[^\x20-\x7e\n]/);
	});

	it('cuts names to 70 and remittance to 140 characters, after transliteration', () => {
		const debtor = transaction({ debtorName: 'Ä'.repeat(40), remittance: `${'x'.repeat(139)} yz` });
		const initiation = one(parse(input([debtor])), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/Dbtr/Nm')).toBe('Ae'.repeat(35));
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/RmtInf/Ustrd')).toBe('x'.repeat(139));
	});

	it('leaves out the remittance when there is none', () => {
		const initiation = one(parse(input([transaction({ remittance: '  ' })])), 'CstmrDrctDbtInitn');
		expect(all(initiation, 'PmtInf/DrctDbtTxInf/RmtInf')).toEqual([]);
	});

	it('normalises IBANs, BICs and the creditor identifier', () => {
		const data = input([transaction({ debtorIban: 'de89 3704 0044 0532 0130 00', debtorBic: 'cobadeff' })], {
			creditor: { ...creditor, creditorId: 'de98 zzz 09999999999' }
		});
		const initiation = one(parse(data), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/DbtrAcct/Id/IBAN')).toBe('DE89370400440532013000');
		expect(text(initiation, 'PmtInf/DrctDbtTxInf/DbtrAgt/FinInstnId/BICFI')).toBe('COBADEFF');
		expect(text(initiation, 'PmtInf/CdtrSchmeId/Id/PrvtId/Othr/Id')).toBe('DE98ZZZ09999999999');
	});

	it('keeps payment information ids within 35 characters', () => {
		const messageId = 'X'.repeat(35);
		const initiation = one(parse(input([transaction()], { messageId })), 'CstmrDrctDbtInitn');
		expect(text(initiation, 'PmtInf/PmtInfId')).toBe(`${'X'.repeat(30)}-RCUR`);
	});

	describe('refuses invalid input with a clear message', () => {
		const cases: [string, DirectDebitInput, RegExp][] = [
			['a bad debtor IBAN', input([transaction({ debtorIban: 'DE89370400440532013001' })]), /debtor IBAN/],
			['a non-SEPA debtor IBAN', input([transaction({ debtorIban: 'TR330006100519786457841326' })]), /debtor IBAN/],
			['a debtor outside the EEA', input([transaction({ debtorIban: 'CH9300762011623852957' })]), /outside the EEA/],
			['a bad creditor IBAN', input([rcur], { creditor: { ...creditor, iban: 'DE00123' } }), /creditor IBAN/],
			['a bad BIC', input([transaction({ debtorBic: 'COBA' })]), /debtor BIC/],
			['a bad creditor id', input([rcur], { creditor: { ...creditor, creditorId: 'DE97ZZZ09999999999' } }), /creditor identifier/],
			['a zero amount', input([transaction({ amountCents: 0 })]), /amount/],
			['a negative amount', input([transaction({ amountCents: -2400 })]), /amount/],
			['a fraction of a cent', input([transaction({ amountCents: 24.5 })]), /amount/],
			['an amount above the SEPA maximum', input([transaction({ amountCents: 100_000_000_000 })]), /amount/],
			['an impossible collection date', input([rcur], { collectionDate: '2026-02-30' }), /collection date/],
			['a collection date in another format', input([rcur], { collectionDate: '02.03.2026' }), /collection date/],
			['a collection date before the file', input([rcur], { collectionDate: '2026-02-20' }), /after the creation/],
			['a bad signature date', input([transaction({ mandateSignedOn: '2026-13-01' })]), /signature date/],
			['a mandate signed after the collection', input([transaction({ mandateSignedOn: '2026-03-03' })]), /signed after/],
			['an umlaut in the mandate reference', input([transaction({ mandateId: 'MÜLLER-1' })]), /mandate reference/],
			['a mandate reference over 35 characters', input([transaction({ mandateId: 'M'.repeat(36) })]), /mandate reference/],
			['a message id over 35 characters', input([rcur], { messageId: 'M'.repeat(36) }), /message id/],
			['a bad end-to-end id', input([transaction({ endToEndId: 'E<1>' })]), /end-to-end id/],
			['an end-to-end id used twice', input([rcur, transaction({ mandateId: 'M-2' })]), /used twice/],
			['a debtor without a usable name', input([transaction({ debtorName: 'Дмитро' })]), /debtor needs a name/],
			['an unknown sequence type', input([transaction({ sequenceType: 'ONCE' as 'OOFF' })]), /sequence type/],
			['an invalid creation time', input([rcur], { createdAt: new Date('not a date') }), /creation time/],
			['no transactions', input([]), /no transactions/]
		]; // prettier-ignore
		it.each(cases)('%s', (_, data, message) => {
			expect(() => buildPain008(data)).toThrow(SepaInputError);
			expect(() => buildPain008(data)).toThrow(message);
		});

		it('lists every problem at once, naming the transaction', () => {
			const data = input([rcur, transaction({ endToEndId: 'E2', amountCents: 0, debtorIban: 'DE00' })]);
			try {
				buildPain008(data);
				expect.unreachable();
			} catch (error) {
				expect(error).toBeInstanceOf(SepaInputError);
				expect((error as SepaInputError).problems).toEqual([
					'transaction 2 ("E2"): the amount must be a whole number of cents from 0.01 to 999999999.99 €',
					'transaction 2 ("E2"): the debtor IBAN is not a valid IBAN of a SEPA country'
				]);
			}
		});
	});
});

describe(sepaText.name, () => {
	it('transliterates German letters and drops other accents', () => {
		expect(sepaText('Äpfel, Öl, Übung: groß, GROẞ', 70)).toBe('Aepfel, Oel, Uebung: gross, GROSS');
		expect(sepaText('Łódź, Øresund, Šibenik, Ñandú, İzmir', 70)).toBe('Lodz, Oresund, Sibenik, Nandu, Izmir');
	});
	it('copes with decomposed umlauts', () => {
		expect(sepaText('Mu\u0308ller', 70)).toBe('Mueller');
	});
	it('turns characters outside the set into spaces and collapses them', () => {
		expect(sepaText('  a\tb\n\nc @ d€ ', 70)).toBe('a b c d');
		expect(sepaText("O'Brien + Co (Kiel) 1/2: ok?", 70)).toBe("O'Brien + Co (Kiel) 1/2: ok?");
	});
	it('cuts without leaving a trailing space', () => {
		expect(sepaText('ab cd', 3)).toBe('ab');
	});
});

describe(escapeXml.name, () => {
	it('escapes what would break text or a double-quoted attribute', () => {
		expect(escapeXml(`<a href="x">&amp;'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;amp;'&lt;/a&gt;");
	});
});

describe('the test XML reader', () => {
	it('rejects what is not well-formed', () => {
		const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
		expect(() => parseXml(`${head}<a><b></a></b>`)).toThrow();
		expect(() => parseXml(`${head}<a>x & y</a>`)).toThrow();
		expect(() => parseXml(`${head}<a>x</a><b/>`)).toThrow();
		expect(() => parseXml(`${head}<a>`)).toThrow();
		expect(parseXml(`${head}<a k="1 &lt; 2"><b>x &amp; y</b></a>`).children[0]?.text).toBe('x & y');
	});
});
