import { isLocale, textDirection, BASE_LOCALE, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { Db } from '#lib/server/db/client.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { ContactStatus } from '#lib/server/db/schema/index.ts';
import { Invalid, NotFound, TooManyAttempts } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { hitRateLimit } from '#lib/server/auth/rate-limit.ts';
import { findPageWithTranslations } from '#lib/server/content/content.queries.ts';
import { renderMailLayout } from '#lib/server/mail/layout.ts';
import { queueMail } from '#lib/server/mail/mail.service.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import * as queries from './contact.queries.ts';
import { appSecret, sign, signatureMatches } from './secrets.ts';

/** People take longer than this to write a message; bots usually do not. */
export const MIN_FILL_MS = 3_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface ContactInput {
	name: string;
	email: string;
	subject: string;
	message: string;
	locale: Locale;
	/** The signed time the form was rendered. */
	formToken: string;
	/** A field people do not see; bots fill it in. */
	honeypot: string;
}

/** A signed timestamp for the form, so the server knows how long the visitor took. */
export async function contactFormToken(db: Db, now = Date.now()): Promise<string> {
	return `${now}.${sign(await appSecret(db, 'contact-form'), String(now))}`;
}

async function checkFormToken(db: Db, token: string, now: number) {
	const [time = '', signature = ''] = token.split('.');
	const issued = Number(time);
	if (
		!Number.isSafeInteger(issued) ||
		!signatureMatches(await appSecret(db, 'contact-form'), time, signature)
	) {
		throw new Invalid('contact_form_expired');
	}
	if (now - issued < MIN_FILL_MS) throw new Invalid('contact_too_fast');
	if (now - issued > MAX_AGE_MS) throw new Invalid('contact_form_expired');
}

/**
 * Stores a message from the contact form and mails it to the office address. Spam protection
 * without third parties: a honeypot field, a minimum fill time and a rate limit per IP.
 */
export async function submitContactMessage(db: Db, input: ContactInput, ip: string | null, now = Date.now()) {
	// A filled honeypot gets the normal answer, so bots learn nothing; nothing is stored.
	if (input.honeypot.trim()) return;
	await checkFormToken(db, input.formToken, now);
	const limit = await hitRateLimit(db, `contact:ip:${ip ?? 'unknown'}`, {
		limit: 5,
		windowMs: 60 * 60 * 1000
	});
	if (!limit.allowed) throw new TooManyAttempts(limit.retryAfter);
	const privacy = await findPageWithTranslations(db, 'datenschutz');
	const settings = await findSettings(db);
	await db.transaction(async (tx) => {
		const id = await queries.insertMessage(tx, {
			name: input.name,
			email: input.email,
			subject: input.subject,
			message: input.message,
			locale: input.locale,
			consentAt: new Date(now),
			consentVersion: `datenschutz@${privacy?.page.sourceRevision ?? 0}`
		});
		await audit(tx, { action: 'contact.received', subjectType: 'contact_message', subjectId: id });
		if (settings?.email) {
			const o = { locale: BASE_LOCALE };
			const mail = renderMailLayout({
				locale: BASE_LOCALE,
				dir: 'ltr',
				heading: m.mail_contact_subject({ subject: input.subject }, o),
				paragraphs: [
					m.mail_contact_from({ name: input.name, email: input.email }, o),
					input.subject,
					input.message
				],
				footerLines: [settings.name]
			});
			await queueMail(tx, {
				to: settings.email,
				locale: BASE_LOCALE,
				purpose: 'contact_message',
				subject: m.mail_contact_subject({ subject: input.subject }, o),
				...mail
			});
		}
	});
}

export async function listContactMessages(
	ctx: ServiceContext,
	options: { status?: ContactStatus; page: number }
) {
	requireAccess(ctx.actor, 'contact.manage');
	const limit = 50;
	const rows = await queries.selectMessages(ctx.db, options.status, limit + 1, (options.page - 1) * limit);
	return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function getContactMessage(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'contact.manage');
	const row = Number.isSafeInteger(id) ? await queries.findMessage(ctx.db, id) : undefined;
	if (!row) throw new NotFound(`contact message ${id}`);
	return row;
}

/** Answers by mail in the sender's language and marks the message answered. */
export async function answerContactMessage(
	ctx: ServiceContext,
	id: number,
	reply: string,
	ip: string | null
) {
	const message = await getContactMessage(ctx, id);
	const locale: Locale = isLocale(message.locale) ? message.locale : BASE_LOCALE;
	const settings = await findSettings(ctx.db);
	const o = { locale };
	const subject = `Re: ${message.subject}`;
	const mail = renderMailLayout({
		locale,
		dir: textDirection(locale),
		heading: subject,
		paragraphs: [
			m.mail_greeting({ name: message.name }, o),
			reply,
			m.mail_contact_quote({}, o),
			message.message
		],
		footerLines: [settings?.name ?? '', settings?.email ?? ''].filter(Boolean)
	});
	await ctx.db.transaction(async (tx) => {
		await queueMail(tx, { to: message.email, locale, purpose: 'contact_reply', subject, ...mail });
		await queries.markAnswered(tx, id, ctx.actor.userId);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'contact.answered',
			subjectType: 'contact_message',
			subjectId: id,
			ip
		});
	});
}

export async function markContactMessageAnswered(ctx: ServiceContext, id: number, ip: string | null) {
	await getContactMessage(ctx, id);
	await queries.markAnswered(ctx.db, id, ctx.actor.userId);
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'contact.marked_answered',
		subjectType: 'contact_message',
		subjectId: id,
		ip
	});
}
