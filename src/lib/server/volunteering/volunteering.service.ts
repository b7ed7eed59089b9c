import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { localizePath } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { limitPerAddress } from '#lib/server/auth/rate-limit.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import {
	organisationRoles,
	organisations,
	users,
	volunteerInterests,
	volunteerOpportunities
} from '#lib/server/db/schema/index.ts';
import { Conflict, Forbidden, NotFound } from '#lib/server/errors.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { can, requireAccess } from '#lib/server/policy/policy.ts';

export interface OpportunityInput {
	title: string;
	description: string;
	districtKey: string;
	municipality: string;
	schedule: string;
	timeNeeded: string;
	languages: string[];
	contactName: string;
}

const canManage = (ctx: ServiceContext, organisationId: number) =>
	can(ctx.actor, 'volunteering.review') || can(ctx.actor, 'volunteering.post', { organisationId });

/** An organisation posts an opportunity; editors publish it unless the organisation is trusted. */
export async function postOpportunity(ctx: ServiceContext, organisationId: number, input: OpportunityInput) {
	if (!canManage(ctx, organisationId)) throw new Forbidden('volunteering.post');
	const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, organisationId));
	if (!org) throw new NotFound(`organisation ${organisationId}`);
	const direct = org.eventsTrusted || can(ctx.actor, 'volunteering.review');
	const [row] = await ctx.db
		.insert(volunteerOpportunities)
		.values({
			...input,
			organisationId,
			status: direct ? 'published' : 'pending',
			createdBy: ctx.actor.userId
		})
		.returning();
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'volunteering.post',
		subjectType: 'opportunity',
		subjectId: row!.id
	});
	return row!;
}

export async function listOpportunities(
	ctx: ServiceContext,
	filters: { district: string; language: string }
) {
	requireAccess(ctx.actor, 'volunteering.read');
	const conditions = [eq(volunteerOpportunities.status, 'published')];
	if (filters.district) conditions.push(eq(volunteerOpportunities.districtKey, filters.district));
	if (filters.language) conditions.push(sql`${filters.language} = any(${volunteerOpportunities.languages})`);
	return ctx.db
		.select({
			opportunity: volunteerOpportunities,
			organisation: organisations.name,
			slug: organisations.slug
		})
		.from(volunteerOpportunities)
		.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
		.where(and(...conditions))
		.orderBy(desc(volunteerOpportunities.createdAt))
		.limit(200);
}

export async function getOpportunity(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'volunteering.read');
	const [row] = await ctx.db
		.select({
			opportunity: volunteerOpportunities,
			organisation: organisations.name,
			slug: organisations.slug
		})
		.from(volunteerOpportunities)
		.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
		.where(eq(volunteerOpportunities.id, id));
	if (!row) throw new NotFound(`opportunity ${id}`);
	const manages = canManage(ctx, row.opportunity.organisationId);
	if (row.opportunity.status !== 'published' && !manages) throw new NotFound(`opportunity ${id}`);
	return { ...row, manages, canReview: can(ctx.actor, 'volunteering.review') };
}

export async function reviewOpportunity(ctx: ServiceContext, id: number, publish: boolean) {
	requireAccess(ctx.actor, 'volunteering.review');
	const { opportunity } = await getOpportunity(ctx, id);
	if (opportunity.status !== 'pending') throw new Conflict('volunteering_not_pending');
	await ctx.db
		.update(volunteerOpportunities)
		.set({ status: publish ? 'published' : 'closed' })
		.where(eq(volunteerOpportunities.id, id));
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: publish ? 'volunteering.publish' : 'volunteering.reject',
		subjectType: 'opportunity',
		subjectId: id
	});
}

export async function closeOpportunity(ctx: ServiceContext, id: number) {
	const { opportunity, manages } = await getOpportunity(ctx, id);
	if (!manages) throw new Forbidden('volunteering.post');
	await ctx.db
		.update(volunteerOpportunities)
		.set({ status: 'closed' })
		.where(eq(volunteerOpportunities.id, opportunity.id));
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'volunteering.close',
		subjectType: 'opportunity',
		subjectId: id
	});
}

/**
 * Someone offers to help. The organisation is mailed (its public address, or else its admins'),
 * with the person's name, address and message; the person never sees the organisation's people's
 * addresses.
 */
export async function expressInterest(
	ctx: ServiceContext,
	id: number,
	input: { name: string; email: string; message: string },
	meta: { ip: string | null; origin: string }
) {
	const { opportunity, organisation } = await getOpportunity(ctx, id);
	if (opportunity.status !== 'published') throw new Conflict('volunteering_closed');
	await limitPerAddress(ctx.db, 'volunteering', meta.ip, 10);
	const [org] = await ctx.db
		.select()
		.from(organisations)
		.where(eq(organisations.id, opportunity.organisationId));
	const recipients = org!.email
		? [{ email: org!.email, locale: 'de' }]
		: await ctx.db
				.select({ email: users.email, locale: users.locale })
				.from(organisationRoles)
				.innerJoin(users, eq(users.id, organisationRoles.userId))
				.where(and(eq(organisationRoles.organisationId, org!.id), eq(organisationRoles.role, 'org_admin')));
	await ctx.db.transaction(async (tx) => {
		await tx
			.insert(volunteerInterests)
			.values({ opportunityId: id, ...input, email: input.email.toLowerCase() });
		for (const to of recipients) {
			await queueComposedMail(tx, to, 'volunteering_interest', (o) => ({
				subject: m.mail_volunteering_subject({ title: opportunity.title }, o),
				paragraphs: [
					m.mail_volunteering_text(
						{ name: input.name, email: input.email, title: opportunity.title, organisation },
						o
					),
					input.message
				],
				action: {
					label: m.mail_volunteering_open({}, o),
					url: `${meta.origin}${localizePath(`/ehrenamt/${id}`, o.locale)}`
				}
			}));
		}
	});
	return { delivered: recipients.length > 0 };
}

/** Interests an organisation received for one opportunity (its admins and editors). */
export async function interestsFor(ctx: ServiceContext, id: number) {
	const { manages } = await getOpportunity(ctx, id);
	if (!manages) throw new Forbidden('volunteering.post');
	return ctx.db
		.select()
		.from(volunteerInterests)
		.where(eq(volunteerInterests.opportunityId, id))
		.orderBy(desc(volunteerInterests.createdAt));
}

/** Opportunities of the organisations the actor administers (editors: waiting ones too). */
export async function managedOpportunities(ctx: ServiceContext) {
	if (ctx.actor.userId === null) throw new Forbidden('volunteering.post');
	const orgIds = (ctx.actor.organisationRoles ?? [])
		.filter((r) => r.role === 'org_admin')
		.map((r) => r.organisationId);
	const editor = can(ctx.actor, 'volunteering.review');
	const where = editor
		? sql`${volunteerOpportunities.status} = 'pending' or ${orgIds.length ? inArray(volunteerOpportunities.organisationId, orgIds) : sql`false`}`
		: orgIds.length
			? inArray(volunteerOpportunities.organisationId, orgIds)
			: sql`false`;
	return ctx.db
		.select({ opportunity: volunteerOpportunities, organisation: organisations.name })
		.from(volunteerOpportunities)
		.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
		.where(where)
		.orderBy(desc(volunteerOpportunities.createdAt));
}
