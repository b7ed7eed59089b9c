import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { ANONYMOUS, type Actor } from '#lib/server/policy/policy.ts';
import { grantRole, insertUser } from '#lib/server/accounts/accounts.queries.ts';
import { membershipNumber, plausibleRegisterNumber } from '#lib/membership/membership.ts';
import { ordinaryApplicationSchema, supportingPersonSchema } from '#lib/schemas/membership.ts';
import {
	answerQuestion,
	applicationStatus,
	submitApplication
} from '#lib/server/membership/application.service.ts';
import {
	actOnApplication,
	applicationStatutes,
	getApplication
} from '#lib/server/membership/review.service.ts';
import {
	endMembership,
	getMembership,
	listRegister,
	nominateHonorary
} from '#lib/server/membership/register.service.ts';
import { statusToken } from '#lib/server/membership/status-link.ts';
import {
	confirmImport,
	importProgress,
	previewImport,
	runImport
} from '#lib/server/membership/import.service.ts';
import { getProfile } from '#lib/server/directory/directory.service.ts';
import { createFileSystemStorage } from '#lib/server/files/storage.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { updateSettings } from '#lib/server/settings/settings.queries.ts';
import {
	addMandate,
	directDebitFile,
	duesOverview,
	exportDirectDebits,
	generateYearDues,
	recordPayment,
	sendReminders,
	setFees
} from '#lib/server/membership/dues.service.ts';
import { organisationInvitations, outbox } from '#lib/server/db/schema/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#lib/server/errors.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const XSS = '<img src=x onerror=alert(1)>';

const ordinary = (overrides: Record<string, string> = {}) =>
	ordinaryApplicationSchema.parse({
		organisationName: 'Kulturverein Kalyna Leipzig e. V.',
		legalForm: 'ev',
		registerCourt: 'Amtsgericht Leipzig',
		registerNumber: 'VR 5123',
		seat: 'Leipzig',
		districtKey: '14713',
		representatives: 'Olena Beispiel – Vorsitzende',
		contactName: 'Olena Beispiel',
		email: 'olena@example.org',
		communities: 'Ukrainische Community',
		acknowledgeGoals: 'on',
		acknowledgeValues: 'on',
		acceptPrivacy: 'on',
		...overrides
	});

describe('membership pure rules', () => {
	it('makes numbers from the pattern and checks register numbers by legal form', () => {
		expect(membershipNumber('M-JJJJ-NNN', 2026, 17)).toBe('M-2026-017');
		expect(membershipNumber('JJJJ/NN', 2026, 1234)).toBe('2026/1234');
		expect(membershipNumber('M-{year}-{seq}', 2026, 17)).toBe('M-2026-017');
		expect(plausibleRegisterNumber('ev', 'VR 1234')).toBe(true);
		expect(plausibleRegisterNumber('ev', 'HRB 1234')).toBe(false);
		expect(plausibleRegisterNumber('ggmbh', 'HRB 12345')).toBe(true);
		expect(plausibleRegisterNumber('eg', 'GnR 12')).toBe(true);
	});

	it('requires the acknowledgements and a plausible register number', () => {
		const missing = ordinaryApplicationSchema.safeParse({
			...ordinary(),
			acknowledgeValues: undefined,
			acceptPrivacy: 'on'
		});
		expect(missing.error?.issues.map((i) => i.path[0])).toContain('acknowledgeValues');
		const wrong = ordinaryApplicationSchema.safeParse({
			...ordinary(),
			acknowledgeGoals: 'on',
			acknowledgeValues: 'on',
			acceptPrivacy: 'on',
			registerNumber: 'HRB 1'
		});
		expect(wrong.error?.issues[0]?.message).toBe('membership_register_number_invalid');
	});
});

describe.each(DATABASE_KINDS)('membership on %s', (kind) => {
	let database: Database;
	let uploads: string;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	const anon = () => ctx(ANONYMOUS);
	const meta = { locale: 'uk' as const, origin: 'https://example.org', ip: '203.0.113.9' };
	let seq = 0;
	async function boardMember(roles: ('board' | 'admin' | 'editor')[] = ['board']): Promise<Actor> {
		const user = await insertUser(database.db, {
			email: `b${++seq}-${kind}@example.org`,
			name: `Vorstand ${seq}`,
			passwordHash: 'x'
		});
		for (const role of roles) await grantRole(database.db, user.id, role);
		return { userId: user.id, roles, twoFactorVerified: true };
	}

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		uploads = mkdtempSync(path.join(os.tmpdir(), 'miteinander-membership-'));
	});
	afterAll(async () => {
		await database?.close();
		rmSync(uploads, { recursive: true, force: true });
	});

	it('takes an ordinary application with statutes, and four eyes approve it into the register and the directory', async () => {
		const storage = createFileSystemStorage(uploads);
		await expect(
			submitApplication(anon(), storage, { choice: 'ordinary', data: ordinary(), statutes: null }, meta)
		).rejects.toThrow(Invalid);
		await expect(
			submitApplication(
				anon(),
				storage,
				{ choice: 'ordinary', data: ordinary(), statutes: new TextEncoder().encode('<html>') },
				meta
			)
		).rejects.toThrow(Invalid);
		const { id, statusUrl } = await submitApplication(
			anon(),
			storage,
			{ choice: 'ordinary', data: ordinary(), statutes: PDF },
			meta
		);
		const token = new URL(statusUrl).searchParams.get('token')!;
		expect(token).toBe(await statusToken(database.db, id));
		expect((await applicationStatus(anon(), token)).status).toBe('submitted');
		await expect(applicationStatus(anon(), `${id}-${'0'.repeat(32)}`)).rejects.toThrow(NotFound);
		const mails = await database.db.select().from(outbox).where(eq(outbox.to, 'olena@example.org'));
		expect(mails[0]).toMatchObject({ locale: 'uk', purpose: 'membership_received' });
		expect(mails[0]!.text).toContain(token);

		// Only the board sees applications and statutes (not admins, not editors).
		const [first, second, admin, editor] = [
			await boardMember(),
			await boardMember(),
			await boardMember(['admin']),
			await boardMember(['editor'])
		];
		for (const actor of [ANONYMOUS, admin, editor, { ...first, twoFactorVerified: false }]) {
			await expect(getApplication(ctx(actor), id)).rejects.toThrow(Forbidden);
		}
		expect(await applicationStatutes(ctx(first), storage, id)).toEqual(Buffer.from(PDF));

		// A question goes to the applicant, who answers through the private link.
		await actOnApplication(
			ctx(first),
			id,
			{ action: 'question', text: 'Bitte senden Sie die aktuelle Satzung.' },
			meta.origin
		);
		expect((await applicationStatus(anon(), token)).status).toBe('question');
		await answerQuestion(anon(), token, 'Die Satzung ist aktuell.', meta.origin);
		expect((await applicationStatus(anon(), token)).messages.map((m) => m.author)).toEqual([
			'board',
			'applicant'
		]);

		// One approval is not enough; the same person twice does not count twice.
		expect(
			await actOnApplication(ctx(first), id, { action: 'approve', resolutionRef: '' }, meta.origin)
		).toEqual({ outcome: 'approval_recorded' });
		await expect(
			actOnApplication(ctx(first), id, { action: 'approve', resolutionRef: '' }, meta.origin)
		).rejects.toThrow(Conflict);
		const year = new Date().getFullYear();
		expect(
			await actOnApplication(ctx(second), id, { action: 'approve', resolutionRef: 'V-2026-04' }, meta.origin)
		).toEqual({
			outcome: 'approved',
			number: `M-${year}-001`
		});
		await expect(
			actOnApplication(ctx(second), id, { action: 'reject', text: 'zu spät' }, meta.origin)
		).rejects.toThrow(Conflict);

		// The register, the directory ("member") and the invitation to manage the profile.
		const register = await listRegister(ctx(first), {}, 1);
		expect(register.rows.map((r) => r.number)).toEqual([`M-${year}-001`]);
		const member = await getMembership(ctx(first), register.rows[0]!.id);
		expect(member.events.map((e) => e.kind)).toEqual(['applied', 'approved']);
		// Later mails (dues reminders) go out in the applicant's language.
		expect(member.membership.locale).toBe('uk');
		const profile = await getProfile(anon(), member.profile!.slug, 'de');
		expect(profile).toMatchObject({ isMember: true, status: 'published' });
		const invitations = await database.db.select().from(organisationInvitations);
		expect(invitations.map((i) => [i.email, i.role])).toContainEqual(['olena@example.org', 'org_admin']);
		const welcome = (
			await database.db.select().from(outbox).where(eq(outbox.purpose, 'membership_welcome'))
		)[0];
		expect(welcome?.text).toContain(`M-${year}-001`);

		// Ending the membership takes the member mark off the directory profile.
		await endMembership(ctx(first), member.membership.id, {
			endedOn: `${year}-12-31`,
			reason: 'resignation',
			note: ''
		});
		expect((await getProfile(anon(), member.profile!.slug, 'de')).isMember).toBe(false);
		await expect(
			endMembership(ctx(first), member.membership.id, {
				endedOn: `${year}-12-31`,
				reason: 'resignation',
				note: ''
			})
		).rejects.toThrow(Conflict);
	});

	it('stores hostile input as plain data, rejects with a reason, and nominates honorary members', async () => {
		const storage = createFileSystemStorage(uploads);
		const data = supportingPersonSchema.parse({
			name: XSS,
			email: 'xss@example.org',
			message: XSS,
			city: XSS,
			acknowledgeGoals: 'on',
			acknowledgeValues: 'on',
			acceptPrivacy: 'on'
		});
		const { id } = await submitApplication(
			anon(),
			storage,
			{ choice: 'supporting_person', data },
			{ ...meta, ip: '203.0.113.10' }
		);
		const board = await boardMember();
		const view = await getApplication(ctx(board), id);
		expect(view.application.name).toBe(XSS);
		expect(view.application.data).toMatchObject({ message: XSS, city: XSS });
		await expect(
			actOnApplication(ctx(board), id, { action: 'reject', text: ' ' }, meta.origin)
		).rejects.toThrow(Invalid);
		await actOnApplication(
			ctx(board),
			id,
			{ action: 'reject', text: 'Keine Angaben zur Person.' },
			meta.origin
		);
		expect((await getApplication(ctx(board), id)).application.status).toBe('rejected');

		const honorary = await nominateHonorary(ctx(board), {
			name: 'Dr. Ehrenfried Beispiel',
			email: '',
			justification: '20 Jahre Einsatz für Migrantenbeiräte',
			decidedOn: '2026-03-01',
			resolutionRef: ''
		});
		expect(honorary).toMatchObject({ form: 'honorary', startedOn: '2026-03-01' });
		await expect(
			nominateHonorary(ctx(await boardMember(['editor'])), {
				name: 'X',
				email: '',
				justification: 'y',
				decidedOn: '2026-03-01',
				resolutionRef: ''
			})
		).rejects.toThrow(Forbidden);
	});

	it('limits applications per address', async () => {
		const storage = createFileSystemStorage(uploads);
		const data = supportingPersonSchema.parse({
			name: 'Eva',
			email: 'eva@example.org',
			acknowledgeGoals: 'on',
			acknowledgeValues: 'on',
			acceptPrivacy: 'on'
		});
		const from = { ...meta, ip: '198.51.100.7' };
		for (let i = 0; i < 5; i++)
			await submitApplication(anon(), storage, { choice: 'supporting_person', data }, from);
		await expect(
			submitApplication(anon(), storage, { choice: 'supporting_person', data }, from)
		).rejects.toThrow();
	});
});

describe.each(DATABASE_KINDS)('dues on %s', (kind) => {
	let database: Database;
	let uploads: string;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	let board: Actor;

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		uploads = mkdtempSync(path.join(os.tmpdir(), 'miteinander-dues-'));
		const user = await insertUser(database.db, {
			email: `kasse-${kind}@example.org`,
			name: 'Kasse',
			passwordHash: 'x'
		});
		await grantRole(database.db, user.id, 'board');
		board = { userId: user.id, roles: ['board'], twoFactorVerified: true };
		await updateSettings(database.db, {
			iban: 'DE02120300000000202051',
			bic: 'BYLADEM1001',
			sepaCreditorId: 'DE98ZZZ09999999999'
		});
	});
	afterAll(async () => {
		await database?.close();
		rmSync(uploads, { recursive: true, force: true });
	});

	it('generates dues once per member and year, records payments, reminds once, and collects by SEPA', async () => {
		const collection = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
		const storage = createFileSystemStorage(uploads);
		const alice = await nominateHonorary(ctx(board), {
			name: 'Ehren Mitglied',
			email: '',
			justification: 'x',
			decidedOn: '2026-01-01',
			resolutionRef: ''
		});
		// Two paying members, inserted as the register would hold them.
		const { insertMembership } = await import('#lib/server/membership/membership.queries.ts');
		const bob = await insertMembership(database.db, {
			number: 'T-1',
			year: 1990,
			sequence: 1,
			form: 'supporting',
			name: 'Bob',
			email: 'bob@example.org',
			startedOn: '2026-01-01',
			decidedOn: '2026-01-01'
		});
		const verein = await insertMembership(database.db, {
			number: 'T-2',
			year: 1990,
			sequence: 2,
			form: 'ordinary',
			name: 'Verein Ä&Ö <e. V.>',
			email: 'verein@example.org',
			startedOn: '2026-01-01',
			decidedOn: '2026-01-01'
		});
		await setFees(ctx(board), 2026, { ordinary: 6000, supporting: 2400 });
		expect(await generateYearDues(ctx(board), 2026, '2026-03-31')).toBe(2);
		expect(await generateYearDues(ctx(board), 2026, '2026-03-31')).toBe(0);
		// One dues notice per member, not again when the dues are generated a second time.
		const notices = await database.db.select().from(outbox).where(eq(outbox.purpose, 'dues_notice'));
		expect(notices.map((n) => n.to).sort()).toEqual(['bob@example.org', 'verein@example.org']);
		expect(notices[0]!.text).toContain('DE02 1203 0000 0000 2020 51');
		const overview = await duesOverview(ctx(board), 2026, '2026-04-15');
		expect(overview.map((d) => [d.name, d.amountCents, d.overdue])).toEqual([
			['Bob', 2400, true],
			['Verein Ä&Ö <e. V.>', 6000, true]
		]);
		expect(overview.some((d) => d.membershipId === alice.id)).toBe(false);

		// Reminders: one per member, not again within 30 days (two runs, one mail each).
		const now = new Date('2026-04-15T10:00:00Z');
		expect(await sendReminders(ctx(board), 'https://example.org', now)).toBe(2);
		expect(await sendReminders(ctx(board), 'https://example.org', now)).toBe(0);
		const reminders = await database.db.select().from(outbox).where(eq(outbox.purpose, 'dues_reminder'));
		expect(reminders.map((r) => r.to).sort()).toEqual(['bob@example.org', 'verein@example.org']);

		// Bob pays by transfer; the association collects from the Verein by direct debit.
		await recordPayment(ctx(board), overview[0]!.id, { paidOn: '2026-04-20', method: 'transfer' });
		await expect(
			recordPayment(ctx(board), overview[0]!.id, { paidOn: '2026-04-20', method: 'transfer' })
		).rejects.toThrow(Conflict);
		await expect(
			addMandate(ctx(board), verein.id, {
				accountHolder: 'Verein',
				iban: 'DE00 1234',
				bic: '',
				signedOn: '2026-01-10'
			})
		).rejects.toThrow(Invalid);
		await addMandate(ctx(board), verein.id, {
			accountHolder: 'Verein Ä&Ö <e. V.>',
			iban: 'DE89 3704 0044 0532 0130 00',
			bic: '',
			signedOn: '2026-01-10'
		});
		const { collectionId, count } = await exportDirectDebits(ctx(board), storage, 2026, collection);
		expect(count).toBe(1);
		const xml = new TextDecoder().decode(await directDebitFile(ctx(board), storage, collectionId));
		expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.08');
		expect(xml).toContain('<SeqTp>FRST</SeqTp>');
		expect(xml).toContain('<CtrlSum>60.00</CtrlSum>');
		expect(xml).not.toContain('<e. V.>');
		await expect(exportDirectDebits(ctx(board), storage, 2026, collection)).rejects.toThrow(Invalid);
		expect((await duesOverview(ctx(board), 2026)).every((d) => d.status === 'paid')).toBe(true);
		await expect(
			exportDirectDebits(ctx({ ...board, roles: ['admin'] }), storage, 2026, collection)
		).rejects.toThrow(Forbidden);
		expect(bob.id).toBeGreaterThan(0);
	});
});

describe.each(DATABASE_KINDS)('register import and filters on %s', (kind) => {
	let database: Database;
	let uploads: string;
	let board: Actor;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	const csv = (text: string) => new TextEncoder().encode(text);

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		uploads = mkdtempSync(path.join(os.tmpdir(), 'miteinander-import-'));
		const user = await insertUser(database.db, {
			email: `import-${kind}@example.org`,
			name: 'Vorstand',
			passwordHash: 'x'
		});
		await grantRole(database.db, user.id, 'board');
		board = { userId: user.id, roles: ['board'], twoFactorVerified: true };
	});
	afterAll(async () => {
		await database?.close();
		rmSync(uploads, { recursive: true, force: true });
	});

	it('checks every row first and writes only a file without errors, keeping old numbers', async () => {
		const storage = createFileSystemStorage(uploads);
		const bad = await previewImport(
			ctx(board),
			storage,
			csv(
				'\uFEFFMitgliedsnummer;Name;Form;Beginn;E-Mail\r\nALT-7;"Verein ""Brücke"" e. V.";ordentlich;01.02.2015;info@example.org\r\n;Anna;Gast;2020-01-01;anna@\r\nALT-7;Doppelt;fördernd;2019-01-01;\r\n'
			)
		);
		expect(bad.valid).toBe(1);
		expect(bad.rows[0]!.values.Name).toBe('Verein "Brücke" e. V.');
		expect(bad.rows[1]!.errors.map((e) => e.message).sort()).toEqual([
			'forms_email_invalid',
			'membership_import_form_invalid'
		]);
		expect(bad.rows[2]!.errors.map((e) => e.message)).toEqual(['membership_import_number_taken']);
		await expect(confirmImport(ctx(board), storage, bad.key)).rejects.toThrow(Invalid);
		expect((await listRegister(ctx(board), {}, 1)).total).toBe(0);

		const good = await previewImport(
			ctx(board),
			storage,
			csv(
				'Name,Form,Beginn,Mitgliedsnummer\nVerein Brücke,ordentlich,2015-02-01,ALT-7\nAnna Gast,fördernd,2020-01-01,\n'
			)
		);
		expect(good.valid).toBe(2);
		await expect(
			confirmImport({ db: database.db, actor: { ...board, roles: ['admin'] } }, storage, good.key)
		).rejects.toThrow(Forbidden);
		const run = await confirmImport(ctx(board), storage, good.key);
		// Queued: nothing written yet; the job writes it and can run again without duplicates.
		expect((await importProgress(ctx(board), run)).status).toBe('queued');
		expect((await listRegister(ctx(board), {}, 1)).total).toBe(0);
		await runImport(database.db, storage, run);
		await runImport(database.db, storage, run);
		expect(await importProgress(ctx(board), run)).toMatchObject({ status: 'done', done: 2, total: 2 });
		const register = await listRegister(ctx(board), { sort: 'name' }, 1);
		expect(register.rows.map((r) => [r.name, r.number])).toEqual([
			['Anna Gast', 'M-2020-001'],
			['Verein Brücke', 'ALT-7']
		]);
		await expect(confirmImport(ctx(board), storage, good.key)).rejects.toThrow(Invalid);
		expect((await listRegister(ctx(board), { dues: 'none' }, 1)).total).toBe(2);
		expect((await listRegister(ctx(board), { dues: 'open' }, 1)).total).toBe(0);
		expect((await listRegister(ctx(board), { district: '14612' }, 1)).total).toBe(0);
	});
});
