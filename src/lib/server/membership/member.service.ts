import { audit } from '#lib/server/audit/audit.service.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { Forbidden, NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import { formatIban } from '#lib/membership/banking.ts';
import { epcPayload, epcQrSvg } from './epc-qr.ts';
import * as queries from './membership.queries.ts';

/**
 * The memberships the signed-in person may see as their own: theirs as a person (same email) and
 * those of organisations whose profile they administer.
 */
async function ownMemberships(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'account.own');
	const user = await findUserById(ctx.db, ctx.actor.userId!);
	if (!user) return [];
	const administered = (ctx.actor.organisationRoles ?? [])
		.filter((r) => r.role === 'org_admin')
		.map((r) => r.organisationId);
	return queries.membershipsOf(ctx.db, user.email, administered);
}

export async function myMemberships(ctx: ServiceContext) {
	const memberships = await ownMemberships(ctx);
	return Promise.all(
		memberships.map(async (m) => ({ membership: m, dues: await queries.duesOf(ctx.db, m.id) }))
	);
}

/** Members keep their own contact data up to date. */
export async function updateMyContact(
	ctx: ServiceContext,
	membershipId: number,
	input: { phone: string; street: string; postalCode: string; city: string }
) {
	const own = await ownMemberships(ctx);
	const membership = own.find((m) => m.id === membershipId);
	if (!membership)
		throw (await queries.findMembership(ctx.db, membershipId))
			? new Forbidden('not yours')
			: new NotFound('membership');
	await ctx.db.transaction(async (tx) => {
		await queries.updateMembership(tx, membershipId, input);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'membership.contact_updated',
			subjectType: 'membership',
			subjectId: membershipId
		});
	});
}

/**
 * For open dues paid by transfer: the association's bank data and an EPC ("GiroCode") QR code
 * that banking apps scan, per open due.
 */
export async function transferDetails(ctx: ServiceContext, own: Awaited<ReturnType<typeof myMemberships>>) {
	const settings = await findSettings(ctx.db);
	if (!settings?.iban) return [];
	const out: { duesId: number; reference: string; amountCents: number; qrSvg: string }[] = [];
	for (const { membership, dues } of own) {
		if (membership.paymentMethod !== 'transfer') continue;
		for (const d of dues.filter((x) => x.status === 'open')) {
			const reference = `Mitgliedsbeitrag ${d.year} ${membership.number}`;
			const payload = epcPayload({
				name: settings.name,
				iban: settings.iban,
				bic: settings.bic ?? undefined,
				amountCents: d.amountCents,
				remittance: reference
			});
			out.push({ duesId: d.id, reference, amountCents: d.amountCents, qrSvg: await epcQrSvg(payload) });
		}
	}
	return out.length
		? out.map((o) => ({
				...o,
				creditor: settings.name,
				iban: formatIban(settings.iban!),
				bic: settings.bic ?? ''
			}))
		: [];
}
