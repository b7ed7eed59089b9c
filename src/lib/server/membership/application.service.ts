import { randomBytes } from 'node:crypto';
import type { Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type {
	OrdinaryApplication,
	SupportingOrganisationApplication,
	SupportingPersonApplication
} from '#lib/schemas/membership.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { hitRateLimit } from '#lib/server/auth/rate-limit.ts';
import { findPageWithTranslations } from '#lib/server/content/content.queries.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { Db } from '#lib/server/db/client.ts';
import { Invalid, NotFound, TooManyAttempts } from '#lib/server/errors.ts';
import { checkPdf } from '#lib/server/files/pdf.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import { findOrganisation } from '#lib/server/directory/directory.queries.ts';
import * as queries from './membership.queries.ts';
import { applicationIdFromToken, statusUrl } from './status-link.ts';

export type ApplicationInput =
	| { choice: 'ordinary'; data: OrdinaryApplication; statutes: Uint8Array | null }
	| { choice: 'supporting_person'; data: SupportingPersonApplication }
	| { choice: 'supporting_organisation'; data: SupportingOrganisationApplication };

const PER_IP_AND_HOUR = { limit: 5, windowMs: 60 * 60 * 1000 };

function summary(input: ApplicationInput) {
	switch (input.choice) {
		case 'ordinary':
			return {
				form: 'ordinary' as const,
				applicantKind: 'organisation' as const,
				name: input.data.organisationName,
				districtKey: input.data.districtKey
			};
		case 'supporting_organisation':
			return {
				form: 'supporting' as const,
				applicantKind: 'organisation' as const,
				name: input.data.organisationName,
				districtKey: input.data.districtKey || null
			};
		case 'supporting_person':
			return {
				form: 'supporting' as const,
				applicantKind: 'person' as const,
				name: input.data.name,
				districtKey: input.data.districtKey || null
			};
	}
}

/** What is kept of the form: everything typed except the acknowledgement ticks (kept as a time). */
function storedData(input: ApplicationInput): Record<string, unknown> {
	const { acknowledgeGoals: _g, acknowledgeValues: _v, acceptPrivacy: _p, ...rest } = input.data;
	return { choice: input.choice, ...rest };
}

/**
 * Anyone applies for ordinary or supporting membership. The statutes (ordinary members) must be a
 * PDF by content and are stored privately. The applicant gets a confirmation mail in their language
 * with the private status link; the office gets a note.
 */
export async function submitApplication(
	ctx: ServiceContext,
	storage: FileStorage,
	input: ApplicationInput,
	meta: { locale: Locale; origin: string; ip: string | null }
): Promise<{ id: number; statusUrl: string }> {
	requireAccess(ctx.actor, 'membership.apply');
	let statutes: Uint8Array | null = null;
	if (input.choice === 'ordinary') {
		if (!input.statutes || input.statutes.byteLength === 0)
			throw new Invalid('membership_statutes_required', undefined, 'statutes');
		checkPdf(input.statutes);
		statutes = input.statutes;
	}
	const limit = await hitRateLimit(ctx.db, `membership:ip:${meta.ip ?? 'unknown'}`, PER_IP_AND_HOUR);
	if (!limit.allowed) throw new TooManyAttempts(limit.retryAfter);

	const profile =
		input.choice === 'ordinary' ? await linkedProfile(ctx.db, input.data.directoryProfile) : null;
	const privacy = await findPageWithTranslations(ctx.db, 'datenschutz');
	const statutesKey = statutes ? `applications/${Date.now()}-${randomBytes(8).toString('hex')}.pdf` : null;
	if (statutes && statutesKey) await storage.put(statutesKey, statutes, 'application/pdf');
	const settings = await findSettings(ctx.db);
	const id = await ctx.db.transaction(async (tx) => {
		const row = await queries.insertApplication(tx, {
			...summary(input),
			email: input.data.email.toLowerCase(),
			locale: meta.locale,
			data: storedData(input),
			statutesKey,
			organisationId: profile,
			acknowledgedAt: new Date(),
			privacyVersion: `datenschutz@${privacy?.page.sourceRevision ?? 0}`
		});
		const url = await statusUrl(tx, meta.origin, meta.locale, row.id);
		await queueComposedMail(tx, { email: row.email, locale: meta.locale }, 'membership_received', (o) => ({
			subject: m.mail_membership_received_subject({}, o),
			paragraphs: [
				m.mail_membership_received_text({ name: row.name }, o),
				m.mail_membership_status_hint({}, o)
			],
			action: { label: m.mail_membership_status_action({}, o), url }
		}));
		if (settings?.email) {
			await queueComposedMail(tx, { email: settings.email, locale: 'de' }, 'membership_office', (o) => ({
				subject: m.mail_membership_office_subject({}, o),
				paragraphs: [m.mail_membership_office_text({ number: row.id }, o)],
				action: {
					label: m.mail_membership_office_action({}, o),
					url: `${meta.origin}/admin/mitglieder/antraege/${row.id}`
				}
			}));
		}
		await audit(tx, {
			action: 'membership.applied',
			subjectType: 'membership_application',
			subjectId: row.id
		});
		return row.id;
	});
	return { id, statusUrl: await statusUrl(ctx.db, meta.origin, meta.locale, id) };
}

/** The directory profile named by its address or slug, if it exists. */
async function linkedProfile(db: Db, text: string): Promise<number | null> {
	const slug = /([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(text.trim())?.[1];
	if (!slug) return null;
	return (await findOrganisation(db, { slug }))?.id ?? null;
}

/** What the applicant sees behind the private link. */
export async function applicationStatus(ctx: ServiceContext, token: string) {
	requireAccess(ctx.actor, 'membership.apply');
	const id = await applicationIdFromToken(ctx.db, token);
	const application = id === null ? undefined : await queries.findApplication(ctx.db, id);
	if (!application) throw new NotFound('application');
	const messages = await queries.messagesOf(ctx.db, application.id);
	return {
		id: application.id,
		form: application.form,
		applicantKind: application.applicantKind,
		name: application.name,
		status: application.status,
		createdAt: application.createdAt,
		decidedAt: application.decidedAt,
		rejectionReason: application.rejectionReason,
		// Board members' names are not shown to applicants.
		messages: messages.map(({ author, body, createdAt }) => ({ author, body, createdAt }))
	};
}

/** The applicant answers a question of the board; the application goes back to the board. */
export async function answerQuestion(ctx: ServiceContext, token: string, body: string, origin: string) {
	const status = await applicationStatus(ctx, token);
	if (status.status !== 'question' && status.status !== 'submitted')
		throw new Invalid('membership_application_closed');
	const settings = await findSettings(ctx.db);
	await ctx.db.transaction(async (tx) => {
		await queries.insertMessage(tx, { applicationId: status.id, author: 'applicant', body });
		await queries.updateApplication(tx, status.id, { status: 'submitted' });
		if (settings?.email) {
			await queueComposedMail(tx, { email: settings.email, locale: 'de' }, 'membership_office', (o) => ({
				subject: m.mail_membership_answer_subject({}, o),
				paragraphs: [m.mail_membership_office_text({ number: status.id }, o)],
				action: {
					label: m.mail_membership_office_action({}, o),
					url: `${origin}/admin/mitglieder/antraege/${status.id}`
				}
			}));
		}
		await audit(tx, {
			action: 'membership.answered',
			subjectType: 'membership_application',
			subjectId: status.id
		});
	});
}
