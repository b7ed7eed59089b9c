import { randomBytes } from 'node:crypto';
import { m } from '#lib/i18n/messages.ts';
import { formatDate, formatEuros } from '#lib/i18n/format.ts';
import { formatIban, isValidBic, isValidIban, normalizeIban } from '#lib/membership/banking.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { Conflict, Invalid, NotFound } from '#lib/server/errors.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import * as queries from './dues.queries.ts';
import { findMembership, updateMembership } from './membership.queries.ts';
import { buildPain008, SepaInputError } from './sepa.ts';

/** The file, or a translated error that names no account data (the details go to the log). */
function pain008(input: Parameters<typeof buildPain008>[0]): string {
	try {
		return buildPain008(input);
	} catch (error) {
		if (error instanceof SepaInputError)
			throw new Invalid('dues_sepa_invalid', error.message, 'collectionDate');
		throw error;
	}
}

type Settings = Awaited<ReturnType<typeof findSettings>>;

/** The association's account for transfers, as one line for mails ('' when none is set). */
function bankLine(settings: Settings): string {
	if (!settings?.iban) return '';
	return `${settings.name}, IBAN ${formatIban(settings.iban)}${settings.bic ? `, BIC ${settings.bic}` : ''}`;
}

export async function feeSchedule(ctx: ServiceContext, year: number) {
	requireAccess(ctx.actor, 'membership.register');
	const fees = await queries.feesOf(ctx.db, year);
	return {
		ordinary: fees.find((f) => f.form === 'ordinary')?.amountCents ?? null,
		supporting: fees.find((f) => f.form === 'supporting')?.amountCents ?? null
	};
}

export async function setFees(
	ctx: ServiceContext,
	year: number,
	fees: { ordinary: number; supporting: number }
) {
	requireAccess(ctx.actor, 'membership.register');
	await ctx.db.transaction(async (tx) => {
		await queries.setFee(tx, year, 'ordinary', fees.ordinary);
		await queries.setFee(tx, year, 'supporting', fees.supporting);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'dues.fees',
			subjectType: 'fee_schedule',
			subjectId: year,
			details: fees
		});
	});
}

/**
 * Creates the year's dues for every active paying member; running it again adds only new members.
 * Members who pay by transfer get the dues notice by mail (amount, due date, bank data, reference;
 * the GiroCode is on their membership page), direct-debit members a pre-notification.
 */
export async function generateYearDues(ctx: ServiceContext, year: number, dueOn: string, origin = '') {
	requireAccess(ctx.actor, 'membership.register');
	const settings = await findSettings(ctx.db);
	return ctx.db.transaction(async (tx) => {
		const created = await queries.generateDues(tx, year, dueOn);
		for (const { dues: d, membership } of await queries.unnotified(tx, year)) {
			await queries.updateDues(tx, d.id, { notifiedAt: new Date() });
			if (!membership.email) continue;
			const reference = `Mitgliedsbeitrag ${d.year} ${membership.number}`;
			const bank = bankLine(settings);
			await queueComposedMail(
				tx,
				{ email: membership.email, locale: membership.locale },
				'dues_notice',
				(o) => ({
					subject: m.mail_dues_notice_subject({ year: String(d.year) }, o),
					paragraphs: [
						m.mail_dues_notice_text(
							{
								name: membership.name,
								amount: formatEuros(d.amountCents, o.locale),
								year: String(d.year),
								due: formatDate(d.dueOn, o.locale)
							},
							o
						),
						membership.paymentMethod === 'direct_debit'
							? m.mail_dues_notice_debit({}, o)
							: bank
								? m.mail_dues_bank({ bank, reference }, o)
								: ''
					].filter(Boolean),
					...(origin && { action: { label: m.mail_dues_view({}, o), url: `${origin}/konto/mitgliedschaft` } })
				})
			);
		}
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'dues.generated',
			subjectType: 'dues',
			subjectId: year,
			details: { created }
		});
		return created;
	});
}

export async function duesOverview(
	ctx: ServiceContext,
	year: number,
	today = new Date().toISOString().slice(0, 10)
) {
	requireAccess(ctx.actor, 'membership.register');
	const rows = await queries.duesList(ctx.db, year);
	return rows.map((r) => ({ ...r, overdue: r.status === 'open' && r.dueOn < today }));
}

export async function recordPayment(
	ctx: ServiceContext,
	duesId: number,
	input: { paidOn: string; method: 'transfer' | 'direct_debit' | 'cash' }
) {
	requireAccess(ctx.actor, 'membership.register');
	const row = await queries.findDues(ctx.db, duesId);
	if (!row) throw new NotFound(`dues ${duesId}`);
	if (row.status !== 'open') throw new Conflict('dues_not_open');
	await ctx.db.transaction(async (tx) => {
		await queries.updateDues(tx, duesId, { status: 'paid', paidOn: input.paidOn, method: input.method });
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'dues.paid',
			subjectType: 'dues',
			subjectId: duesId,
			details: input
		});
	});
}

/**
 * Mails a reminder for each overdue, open due whose member was not reminded in the last 30 days.
 * Claiming the reminder in the database first means two runs never mail the same member twice.
 */
export async function sendReminders(ctx: ServiceContext, origin: string, now = new Date()) {
	requireAccess(ctx.actor, 'membership.register');
	const settings = await findSettings(ctx.db);
	const before = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
	const due = await queries.remindable(ctx.db, now.toISOString().slice(0, 10), before);
	let sent = 0;
	for (const { dues: d, membership } of due) {
		if (!membership.email) continue;
		await ctx.db.transaction(async (tx) => {
			if (!(await queries.claimReminder(tx, d.id, now, before))) return;
			const bank = bankLine(settings);
			await queueComposedMail(
				tx,
				{ email: membership.email!, locale: membership.locale },
				'dues_reminder',
				(o) => ({
					subject: m.mail_dues_reminder_subject({ year: String(d.year) }, o),
					paragraphs: [
						m.mail_dues_reminder_text(
							{
								name: membership.name,
								amount: formatEuros(d.amountCents, o.locale),
								year: String(d.year),
								number: membership.number
							},
							o
						),
						...(bank ? [m.mail_dues_bank({ bank, reference: `${membership.number} ${d.year}` }, o)] : [])
					],
					action: { label: m.mail_dues_view({}, o), url: `${origin}/konto/mitgliedschaft` }
				})
			);
			await audit(tx, {
				actorId: ctx.actor.userId,
				action: 'dues.reminded',
				subjectType: 'dues',
				subjectId: d.id
			});
			sent++;
		});
	}
	return sent;
}

export async function addMandate(
	ctx: ServiceContext,
	membershipId: number,
	input: { accountHolder: string; iban: string; bic: string; signedOn: string }
) {
	requireAccess(ctx.actor, 'membership.register');
	const membership = await findMembership(ctx.db, membershipId);
	if (!membership) throw new NotFound(`membership ${membershipId}`);
	const iban = normalizeIban(input.iban);
	if (!isValidIban(iban)) throw new Invalid('settings_iban_invalid', undefined, 'iban');
	const bic = input.bic.replace(/\s/g, '').toUpperCase();
	if (bic && !isValidBic(bic)) throw new Invalid('settings_bic_invalid', undefined, 'bic');
	await ctx.db.transaction(async (tx) => {
		// One valid mandate at a time: a new one replaces the old.
		await queries.revokeMandates(tx, membershipId, new Date());
		await queries.insertMandate(tx, {
			membershipId,
			reference: `${membership.number}-${randomBytes(3).toString('hex').toUpperCase()}`,
			accountHolder: input.accountHolder,
			iban,
			bic: bic || null,
			signedOn: input.signedOn
		});
		await updateMembership(tx, membershipId, { paymentMethod: 'direct_debit' });
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'dues.mandate',
			subjectType: 'membership',
			subjectId: membershipId
		});
	});
}

export async function mandatesOf(ctx: ServiceContext, membershipId: number) {
	requireAccess(ctx.actor, 'membership.register');
	return queries.mandatesOf(ctx.db, membershipId);
}

/**
 * A pain.008 direct-debit file for the year's open dues of members with a mandate. The dues are
 * marked with the file's id (so they are not collected twice) and paid as of the collection date.
 */
export async function exportDirectDebits(
	ctx: ServiceContext,
	storage: FileStorage,
	year: number,
	collectionDate: string
) {
	requireAccess(ctx.actor, 'membership.register');
	const settings = await findSettings(ctx.db);
	if (!settings?.sepaCreditorId || !settings.iban) throw new Invalid('dues_creditor_missing');
	return ctx.db.transaction(async (tx) => {
		const rows = await queries.collectable(tx, year);
		if (rows.length === 0) throw new Invalid('dues_nothing_to_collect');
		const collectionId = `MIT-${year}-${Date.now().toString(36).toUpperCase()}`;
		const xml = pain008({
			messageId: collectionId,
			createdAt: new Date(),
			initiatingParty: settings.name,
			creditor: {
				name: settings.name,
				iban: settings.iban!,
				bic: settings.bic ?? undefined,
				creditorId: settings.sepaCreditorId!
			},
			collectionDate,
			transactions: rows.map(({ dues: d, membership, mandate }) => ({
				endToEndId: `${membership.number}-${d.year}`,
				amountCents: d.amountCents,
				mandateId: mandate.reference,
				mandateSignedOn: mandate.signedOn,
				sequenceType: mandate.usedAt ? ('RCUR' as const) : ('FRST' as const),
				debtorName: mandate.accountHolder,
				debtorIban: mandate.iban,
				debtorBic: mandate.bic ?? undefined,
				remittance: `Mitgliedsbeitrag ${d.year} ${membership.number}`
			}))
		});
		const now = new Date();
		for (const { dues: d, mandate } of rows) {
			await queries.updateDues(tx, d.id, {
				collectionId,
				status: 'paid',
				paidOn: collectionDate,
				method: 'direct_debit'
			});
			await queries.markMandateUsed(tx, mandate.id, now);
		}
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'dues.sepa_export',
			subjectType: 'dues',
			subjectId: collectionId,
			details: { count: rows.length }
		});
		// Kept for the board to download (and again later); the file holds account data: private.
		await storage.put(
			`sepa/${collectionId.toLowerCase()}.xml`,
			new TextEncoder().encode(xml),
			'application/xml'
		);
		return { collectionId, count: rows.length };
	});
}

/** A direct-debit file made earlier, for download by the board. */
export async function directDebitFile(ctx: ServiceContext, storage: FileStorage, collectionId: string) {
	requireAccess(ctx.actor, 'membership.register');
	if (!/^MIT-\d{4}-[0-9A-Z]{4,12}$/.test(collectionId)) throw new NotFound(collectionId);
	const file = await storage.get(`sepa/${collectionId.toLowerCase()}.xml`);
	if (!file) throw new NotFound(collectionId);
	return file.bytes;
}
