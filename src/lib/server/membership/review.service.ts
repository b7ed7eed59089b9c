import { sql } from 'drizzle-orm';
import { DEFAULT_VISIBILITY } from '#lib/directory/directory.ts';
import { BASE_LOCALE, isLocale, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import { membershipNumber } from '#lib/membership/membership.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import * as directory from '#lib/server/directory/directory.queries.ts';
import { refreshSearchOf } from '#lib/server/directory/directory.service.ts';
import { officialMunicipality } from '#lib/server/directory/municipalities.ts';
import { createInvitation } from '#lib/server/directory/organisation.service.ts';
import { freeSlug } from '#lib/server/directory/review.service.ts';
import { Conflict, Invalid, NotFound } from '#lib/server/errors.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import * as queries from './membership.queries.ts';
import { statusUrl } from './status-link.ts';

export async function listApplicationQueue(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'membership.review');
	const [open, decided, settings] = await Promise.all([
		queries.listApplications(ctx.db, true),
		queries.listApplications(ctx.db, false),
		findSettings(ctx.db)
	]);
	return { open, decided: decided.slice(0, 30), required: settings?.membershipApprovals ?? 2 };
}

/** An application as the board sees it: everything typed (to be shown as text only), approvals, messages. */
export async function getApplication(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'membership.review');
	const application = await queries.findApplication(ctx.db, id);
	if (!application) throw new NotFound(`application ${id}`);
	const [approvals, messages, settings, profile] = await Promise.all([
		queries.approvalsOf(ctx.db, id),
		queries.messagesOf(ctx.db, id),
		findSettings(ctx.db),
		application.organisationId
			? directory.findOrganisation(ctx.db, { id: application.organisationId })
			: undefined
	]);
	return {
		application,
		approvals,
		messages,
		required: settings?.membershipApprovals ?? 2,
		profile: profile ? { slug: profile.slug, name: profile.name } : null,
		approvedByMe: approvals.some((a) => a.userId === ctx.actor.userId)
	};
}

export async function applicationStatutes(ctx: ServiceContext, storage: FileStorage, id: number) {
	requireAccess(ctx.actor, 'membership.review');
	const application = await queries.findApplication(ctx.db, id);
	const file = application?.statutesKey ? await storage.get(application.statutesKey) : null;
	if (!file) throw new NotFound(`statutes of application ${id}`);
	return file.bytes;
}

export type BoardAction =
	| { action: 'approve'; resolutionRef: string }
	| { action: 'reject'; text: string }
	| { action: 'question'; text: string };

/**
 * The board acts on an application. A question is mailed to the applicant; a rejection needs a
 * reason; an approval counts once per board member, and when the configured number of different
 * board members have approved, the membership starts (number, register, directory, mails).
 */
export async function actOnApplication(ctx: ServiceContext, id: number, act: BoardAction, origin: string) {
	requireAccess(ctx.actor, 'membership.review');
	const application = await queries.findApplication(ctx.db, id);
	if (!application) throw new NotFound(`application ${id}`);
	if (application.status === 'approved' || application.status === 'rejected')
		throw new Conflict('membership_application_closed');
	const locale: Locale = isLocale(application.locale) ? application.locale : BASE_LOCALE;
	const to = { email: application.email, locale };
	return ctx.db.transaction(async (tx) => {
		const link = await statusUrl(tx, origin, locale, id);
		if (act.action === 'question') {
			if (!act.text.trim()) throw new Invalid('forms_required', undefined, 'text');
			await queries.insertMessage(tx, {
				applicationId: id,
				author: 'board',
				userId: ctx.actor.userId,
				body: act.text
			});
			await queries.updateApplication(tx, id, { status: 'question' });
			await queueComposedMail(tx, to, 'membership_question', (o) => ({
				subject: m.mail_membership_question_subject({}, o),
				paragraphs: [m.mail_membership_question_text({}, o), act.text],
				action: { label: m.mail_membership_status_action({}, o), url: link }
			}));
			await audit(tx, {
				actorId: ctx.actor.userId,
				action: 'membership.question',
				subjectType: 'membership_application',
				subjectId: id
			});
			return { outcome: 'question' as const };
		}
		if (act.action === 'reject') {
			if (!act.text.trim()) throw new Invalid('membership_reason_required', undefined, 'text');
			if (!(await queries.closeApplication(tx, id, { status: 'rejected', rejectionReason: act.text })))
				throw new Conflict('membership_application_closed');
			await queueComposedMail(tx, to, 'membership_rejected', (o) => ({
				subject: m.mail_membership_decision_subject({}, o),
				paragraphs: [m.mail_membership_rejected_text({ name: application.name }, o), act.text],
				action: { label: m.mail_membership_status_action({}, o), url: link }
			}));
			await audit(tx, {
				actorId: ctx.actor.userId,
				action: 'membership.rejected',
				subjectType: 'membership_application',
				subjectId: id
			});
			return { outcome: 'rejected' as const };
		}
		if (!(await queries.addApproval(tx, id, ctx.actor.userId!)))
			throw new Conflict('membership_already_approved');
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'membership.approval',
			subjectType: 'membership_application',
			subjectId: id
		});
		const settings = await findSettings(tx);
		const approvals = await queries.approvalsOf(tx, id);
		if (approvals.length < (settings?.membershipApprovals ?? 2))
			return { outcome: 'approval_recorded' as const };
		if (
			!(await queries.closeApplication(tx, id, {
				status: 'approved',
				resolutionRef: act.resolutionRef || null
			}))
		)
			throw new Conflict('membership_application_closed');
		const membership = await startMembership(tx, ctx, application, {
			pattern: settings?.membershipNumberPattern ?? 'M-JJJJ-NNN',
			resolutionRef: act.resolutionRef,
			origin,
			locale
		});
		await queueComposedMail(tx, to, 'membership_welcome', (o) => ({
			subject: m.mail_membership_welcome_subject({}, o),
			paragraphs: [m.mail_membership_welcome_text({ name: application.name, number: membership.number }, o)],
			action: { label: m.mail_membership_status_action({}, o), url: link }
		}));
		return { outcome: 'approved' as const, number: membership.number };
	});
}

/** The next membership number; an advisory lock keeps two approvals at once from taking the same. */
export async function allocateNumber(tx: DbOrTx, pattern: string, year: number) {
	await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
	const sequence = await queries.nextSequence(tx, year);
	return { year, sequence, number: membershipNumber(pattern, year, sequence) };
}

async function startMembership(
	tx: DbOrTx,
	ctx: ServiceContext,
	application: queries.ApplicationRow,
	options: { pattern: string; resolutionRef: string; origin: string; locale: Locale }
) {
	const today = new Date().toISOString().slice(0, 10);
	const numbered = await allocateNumber(tx, options.pattern, new Date().getFullYear());
	const organisationId =
		application.form === 'ordinary' ? await memberProfile(tx, ctx, application) : application.organisationId;
	const membership = await queries.insertMembership(tx, {
		...numbered,
		form: application.form,
		name: application.name,
		email: application.email,
		locale: application.locale,
		organisationId,
		applicationId: application.id,
		startedOn: today,
		decidedOn: today,
		resolutionRef: options.resolutionRef || null
	});
	await queries.insertEvent(tx, {
		membershipId: membership.id,
		kind: 'applied',
		note: '',
		at: application.createdAt
	});
	await queries.insertEvent(tx, {
		membershipId: membership.id,
		kind: 'approved',
		actorId: ctx.actor.userId,
		note: options.resolutionRef
	});
	if (organisationId) {
		const org = await directory.updateOrganisation(tx, organisationId, { isMember: true });
		if (org) await refreshSearchOf(tx, org);
		// The contact person is invited to manage the organisation's profile.
		const board = await findUserById(tx, ctx.actor.userId!);
		if (org && application.form === 'ordinary') {
			await createInvitation(tx, {
				organisation: org,
				email: application.email,
				role: 'org_admin',
				invitedBy: ctx.actor.userId!,
				inviterName: board?.name ?? '',
				origin: options.origin,
				locale: options.locale
			});
		}
	}
	await audit(tx, {
		actorId: ctx.actor.userId,
		action: 'membership.started',
		subjectType: 'membership',
		subjectId: membership.id,
		details: { number: membership.number }
	});
	invalidatePageCache();
	return membership;
}

/** The linked directory profile, or a new published one made from the application. */
async function memberProfile(
	tx: DbOrTx,
	ctx: ServiceContext,
	application: queries.ApplicationRow
): Promise<number> {
	if (application.organisationId) return application.organisationId;
	const data = application.data as Record<string, string>;
	const districtKey = application.districtKey ?? '14612';
	const org = await directory.insertOrganisation(tx, {
		slug: await freeSlug(tx, application.name),
		name: application.name,
		kind: 'migrant_organisation',
		legalForm: data.legalForm ?? null,
		registerCourt: data.registerCourt || null,
		registerNumber: data.registerNumber || null,
		districtKey,
		municipality: officialMunicipality(districtKey, data.seat ?? ''),
		email: application.email,
		phone: data.phone ?? '',
		contactPerson: data.contactName ?? '',
		communities: (data.communities ?? '')
			.split(/[,;\n\u060C]/)
			.map((t) => t.trim())
			.filter(Boolean)
			.slice(0, 12),
		visibility: DEFAULT_VISIBILITY,
		status: 'published',
		createdBy: ctx.actor.userId
	});
	await queries.updateApplication(tx, application.id, { organisationId: org.id });
	return org.id;
}

export async function countOpenApplications(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'membership.review');
	return queries.countOpenApplications(ctx.db);
}
