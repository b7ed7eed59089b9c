import { DEFAULT_VISIBILITY } from '#lib/directory/directory.ts';
import { BASE_LOCALE, localizePath, isLocale } from '#lib/i18n/locales.ts';
import type { OrganisationProfileInput } from '#lib/schemas/directory.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { Conflict, NotFound } from '#lib/server/errors.ts';
import { limitRequests } from './limits.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './directory.queries.ts';
import { refreshSearchOf } from './directory.service.ts';
import { queueDecisionMail } from './directory-mails.ts';
import { profileValues } from './organisation.service.ts';
import { slugify } from './slug.ts';

/** Paths under /verzeichnis that are pages of their own, not profiles. */
const RESERVED = new Set(['beiraete', 'vorschlagen', 'offene-daten', 'logo']);

/** A free slug for a new profile: the name's slug, or with -2, -3 … appended. */
export async function freeSlug(db: DbOrTx, name: string): Promise<string> {
	const slug = slugify(name);
	const base = RESERVED.has(slug) ? `${slug}-1` : slug;
	for (let n = 1; n < 1000; n++) {
		const candidate = n === 1 ? base : `${base}-${n}`;
		if (!(await queries.slugTaken(db, candidate))) return candidate;
	}
	throw new Conflict('errors_generic');
}

/**
 * Anyone signed in proposes an actor; it stays unpublished until an editor approves it. With
 * `wantsAdmin` the proposer also asks to manage the profile.
 */
export async function proposeOrganisation(
	ctx: ServiceContext,
	input: OrganisationProfileInput,
	request: { wantsAdmin: boolean; message: string }
) {
	requireAccess(ctx.actor, 'directory.propose');
	await limitRequests(ctx.db, ctx.actor.userId!);
	return ctx.db.transaction(async (tx) => {
		const org = await queries.insertOrganisation(tx, {
			...profileValues(input),
			slug: await freeSlug(tx, input.name),
			visibility: DEFAULT_VISIBILITY,
			status: 'pending',
			createdBy: ctx.actor.userId
		});
		if (input.description.trim()) {
			await queries.upsertDescription(tx, {
				organisationId: org.id,
				locale: BASE_LOCALE,
				body: input.description.trim(),
				sourceRevision: org.sourceRevision,
				reviewed: true
			});
		}
		await refreshSearchOf(tx, org);
		const row = await queries.insertRequest(tx, {
			kind: 'proposal',
			organisationId: org.id,
			userId: ctx.actor.userId,
			wantsAdmin: request.wantsAdmin,
			message: request.message
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'directory.propose',
			subjectType: 'organisation',
			subjectId: org.id
		});
		return { requestId: row.id, slug: org.slug };
	});
}

/** Asks to manage an existing, published profile. */
export async function claimOrganisation(ctx: ServiceContext, slug: string, message: string) {
	requireAccess(ctx.actor, 'directory.claim');
	const org = await queries.findOrganisation(ctx.db, { slug });
	if (!org || org.status !== 'published') throw new NotFound(`organisation ${slug}`);
	const userId = ctx.actor.userId!;
	if ((ctx.actor.organisationRoles ?? []).some((r) => r.organisationId === org.id)) {
		throw new Conflict('directory_claim_already_member');
	}
	if (await queries.openClaimExists(ctx.db, org.id, userId)) throw new Conflict('directory_claim_pending');
	await limitRequests(ctx.db, userId);
	await ctx.db.transaction(async (tx) => {
		await queries.insertRequest(tx, {
			kind: 'claim',
			organisationId: org.id,
			userId,
			wantsAdmin: true,
			message
		});
		await audit(tx, {
			actorId: userId,
			action: 'directory.claim',
			subjectType: 'organisation',
			subjectId: org.id
		});
	});
}

export async function listReviewQueue(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'directory.review');
	const [open, decided] = await Promise.all([
		queries.listRequests(ctx.db, 'open'),
		queries.listRequests(ctx.db, 'decided')
	]);
	return { open, decided: decided.slice(0, 30) };
}

export async function getRequest(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'directory.review');
	const found = await queries.findRequest(ctx.db, id);
	if (!found) throw new NotFound(`request ${id}`);
	const org = await queries.findOrganisation(ctx.db, { id: found.request.organisationId });
	if (!org) throw new NotFound(`organisation of request ${id}`);
	const descriptions = await queries.descriptionsOf(ctx.db, org.id);
	return {
		request: found.request,
		requester: found.userName ? { name: found.userName, email: found.userEmail ?? '' } : null,
		organisation: org,
		description: descriptions.find((d) => d.locale === BASE_LOCALE)?.body ?? ''
	};
}

/**
 * Approves or rejects a request. Approving a proposal publishes the profile; approving a claim (or a
 * proposal by someone who represents the actor) makes the requester the profile's admin.
 */
export async function decideRequest(
	ctx: ServiceContext,
	id: number,
	decision: { approve: boolean; note: string },
	origin: string
) {
	requireAccess(ctx.actor, 'directory.review');
	const found = await queries.findRequest(ctx.db, id);
	if (!found) throw new NotFound(`request ${id}`);
	const { request } = found;
	await ctx.db.transaction(async (tx) => {
		const decided = await queries.decideRequest(tx, id, {
			status: decision.approve ? 'approved' : 'rejected',
			decidedBy: ctx.actor.userId!,
			decisionNote: decision.note,
			now: new Date()
		});
		if (!decided) throw new Conflict('directory_request_decided');
		if (request.kind === 'proposal') {
			const org = await queries.updateOrganisation(tx, request.organisationId, {
				status: decision.approve ? 'published' : 'rejected'
			});
			if (org) await refreshSearchOf(tx, org);
		}
		if (decision.approve && request.wantsAdmin && request.userId !== null) {
			await queries.setRole(tx, request.organisationId, request.userId, 'org_admin');
		}
		const org = await queries.findOrganisation(tx, { id: request.organisationId });
		if (found.userEmail && org) {
			const locale = isLocale(found.userLocale) ? found.userLocale : BASE_LOCALE;
			await queueDecisionMail(
				tx,
				{ email: found.userEmail, name: found.userName ?? '', locale },
				{
					organisation: org.name,
					approved: decision.approve,
					kind: request.kind,
					note: decision.note,
					url: `${origin}${localizePath(`/verzeichnis/${org.slug}`, locale)}`
				}
			);
		}
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: decision.approve ? 'directory.approve' : 'directory.reject',
			subjectType: 'organisation',
			subjectId: request.organisationId,
			details: { request: id, kind: request.kind }
		});
	});
	invalidatePageCache();
}

export async function countOpenRequests(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'directory.review');
	return queries.countOpenRequests(ctx.db);
}
