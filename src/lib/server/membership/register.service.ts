import type { EndReason } from '#lib/membership/membership.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { toCsv } from '#lib/server/http/csv.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import * as directory from '#lib/server/directory/directory.queries.ts';
import { refreshSearchOf } from '#lib/server/directory/directory.service.ts';
import { Conflict, NotFound } from '#lib/server/errors.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findSettings, updateSettings } from '#lib/server/settings/settings.queries.ts';
import * as queries from './membership.queries.ts';
import { allocateNumber } from './review.service.ts';

const PAGE = 50;

/** The member register, for the board only. */
export async function listRegister(ctx: ServiceContext, filters: queries.RegisterFilters, page: number) {
	requireAccess(ctx.actor, 'membership.register');
	const rows = await queries.listMemberships(ctx.db, filters, { limit: PAGE, offset: (page - 1) * PAGE });
	const total = rows[0]?.total ?? 0;
	return { rows, total, hasMore: page * PAGE < total };
}

export async function getMembership(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'membership.register');
	const membership = await queries.findMembership(ctx.db, id);
	if (!membership) throw new NotFound(`membership ${id}`);
	const [events, profile] = await Promise.all([
		queries.eventsOf(ctx.db, id),
		membership.organisationId
			? directory.findOrganisation(ctx.db, { id: membership.organisationId })
			: undefined
	]);
	return { membership, events, profile: profile ? { slug: profile.slug, name: profile.name } : null };
}

/** Honorary membership: never by application — the board nominates, with justification and decision date. */
export async function nominateHonorary(
	ctx: ServiceContext,
	input: { name: string; email: string; justification: string; decidedOn: string; resolutionRef: string }
) {
	requireAccess(ctx.actor, 'membership.register');
	const settings = await findSettings(ctx.db);
	return ctx.db.transaction(async (tx) => {
		const numbered = await allocateNumber(
			tx,
			settings?.membershipNumberPattern ?? 'M-JJJJ-NNN',
			new Date().getFullYear()
		);
		const membership = await queries.insertMembership(tx, {
			...numbered,
			form: 'honorary',
			name: input.name,
			email: input.email || null,
			startedOn: input.decidedOn,
			decidedOn: input.decidedOn,
			resolutionRef: input.resolutionRef || null,
			justification: input.justification
		});
		await queries.insertEvent(tx, {
			membershipId: membership.id,
			kind: 'nominated',
			actorId: ctx.actor.userId,
			note: input.justification
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'membership.nominated',
			subjectType: 'membership',
			subjectId: membership.id
		});
		return membership;
	});
}

async function setOrganisationMember(db: DbOrTx, organisationId: number | null, isMember: boolean) {
	if (!organisationId) return;
	const org = await directory.updateOrganisation(db, organisationId, { isMember });
	if (org) await refreshSearchOf(db, org);
	invalidatePageCache();
}

/** Ends a membership (resignation, exclusion, dissolution, death) with a date and a note. */
export async function endMembership(
	ctx: ServiceContext,
	id: number,
	input: { endedOn: string; reason: EndReason; note: string }
) {
	requireAccess(ctx.actor, 'membership.register');
	const membership = await queries.findMembership(ctx.db, id);
	if (!membership) throw new NotFound(`membership ${id}`);
	if (membership.status === 'ended') throw new Conflict('membership_already_ended');
	await ctx.db.transaction(async (tx) => {
		await queries.updateMembership(tx, id, {
			status: 'ended',
			endedOn: input.endedOn,
			endReason: input.reason
		});
		await queries.insertEvent(tx, {
			membershipId: id,
			kind: 'ended',
			actorId: ctx.actor.userId,
			note: [input.reason, input.note].filter(Boolean).join(': ')
		});
		await setOrganisationMember(tx, membership.organisationId, false);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'membership.ended',
			subjectType: 'membership',
			subjectId: id,
			details: { reason: input.reason }
		});
	});
}

/** Suspends an active membership or resumes a suspended one. */
export async function setSuspended(ctx: ServiceContext, id: number, suspended: boolean, note: string) {
	requireAccess(ctx.actor, 'membership.register');
	const membership = await queries.findMembership(ctx.db, id);
	if (!membership) throw new NotFound(`membership ${id}`);
	if (membership.status !== (suspended ? 'active' : 'suspended'))
		throw new Conflict('membership_status_conflict');
	await ctx.db.transaction(async (tx) => {
		await queries.updateMembership(tx, id, { status: suspended ? 'suspended' : 'active' });
		await queries.insertEvent(tx, {
			membershipId: id,
			kind: suspended ? 'suspended' : 'resumed',
			actorId: ctx.actor.userId,
			note
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: suspended ? 'membership.suspended' : 'membership.resumed',
			subjectType: 'membership',
			subjectId: id
		});
	});
}

/** The board's own membership settings (approvals needed, number pattern, retention, creditor id). */
export async function getMembershipSettings(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'membership.register');
	const s = await findSettings(ctx.db);
	return {
		membershipApprovals: s?.membershipApprovals ?? 2,
		membershipNumberPattern: s?.membershipNumberPattern ?? 'M-JJJJ-NNN',
		membershipRetentionYears: s?.membershipRetentionYears ?? 10,
		sepaCreditorId: s?.sepaCreditorId ?? null
	};
}

export async function updateMembershipSettings(
	ctx: ServiceContext,
	input: {
		membershipApprovals: number;
		membershipNumberPattern: string;
		membershipRetentionYears: number;
		sepaCreditorId: string | null;
	}
) {
	requireAccess(ctx.actor, 'membership.register');
	await ctx.db.transaction(async (tx) => {
		await updateSettings(tx, input);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'membership.settings',
			subjectType: 'settings',
			details: { ...input }
		});
	});
}

/** The whole register as CSV for German spreadsheet programs; the export itself is audited. */
export async function exportRegister(ctx: ServiceContext, ip: string | null) {
	requireAccess(ctx.actor, 'membership.register');
	const full = await queries.allMemberships(ctx.db);
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'membership.exported',
		subjectType: 'membership',
		details: { rows: full.length },
		ip
	});
	const columns = [
		'Mitgliedsnummer',
		'Name',
		'Form',
		'Status',
		'Beginn',
		'Ende',
		'Endgrund',
		'E-Mail',
		'Telefon',
		'Straße',
		'PLZ',
		'Ort',
		'Zahlungsweise',
		'Beschluss'
	];
	return toCsv(
		full.map((m) => ({
			Mitgliedsnummer: m.number,
			Name: m.name,
			Form: m.form,
			Status: m.status,
			Beginn: m.startedOn,
			Ende: m.endedOn ?? '',
			Endgrund: m.endReason ?? '',
			'E-Mail': m.email ?? '',
			Telefon: m.phone ?? '',
			Straße: m.street ?? '',
			PLZ: m.postalCode ?? '',
			Ort: m.city ?? '',
			Zahlungsweise: m.paymentMethod,
			Beschluss: m.resolutionRef ?? ''
		})),
		';',
		columns
	);
}
