import { NEWSLETTER_CONSENT_VERSION } from '#lib/newsletter/topics.ts';
import { isLocale, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import { limitPerAddress } from '#lib/server/auth/rate-limit.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { Db } from '#lib/server/db/client.ts';
import { NotFound } from '#lib/server/errors.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './newsletter.queries.ts';
import { newsletterUrl, tokenMatches, tokenSubscriberId } from './links.ts';

/** Unconfirmed sign-ups are deleted after this; unsubscribed addresses a month after leaving. */
export const CONFIRM_DAYS = 7;
export const UNSUBSCRIBED_KEEP_DAYS = 30;
const DAY = 86_400_000;

export interface SubscribeInput {
	email: string;
	locale: Locale;
	topics: string[];
}

/**
 * Double opt-in, step 1: stores the sign-up with its consent proof (time, IP address, the consent
 * text's version and wording in the language shown) and mails the confirmation link. The answer
 * is the same whether the address is new or known (nobody learns who subscribes); a confirmed
 * subscriber gets a mail with the link to their settings instead.
 */
export async function subscribe(
	ctx: ServiceContext,
	input: SubscribeInput,
	meta: { ip: string | null; origin: string },
	now = new Date()
) {
	requireAccess(ctx.actor, 'newsletter.subscribe');
	await limitPerAddress(ctx.db, 'newsletter', meta.ip, 10);
	const email = input.email.toLowerCase();
	await ctx.db.transaction(async (tx) => {
		const existing = await queries.findSubscriberByEmail(tx, email);
		if (existing?.status === 'confirmed') {
			const url = await newsletterUrl(tx, meta.origin, '/newsletter/einstellungen', existing);
			await queueComposedMail(tx, existing, 'newsletter_known', (o) => ({
				subject: m.mail_newsletter_known_subject({}, o),
				paragraphs: [m.mail_newsletter_known_text({}, o), m.mail_ignore_text({}, o)],
				action: { label: m.mail_newsletter_settings({}, o), url }
			}));
			return;
		}
		const proof = {
			locale: input.locale,
			topics: input.topics,
			status: 'pending' as const,
			signupAt: now,
			signupIp: meta.ip,
			consentVersion: NEWSLETTER_CONSENT_VERSION,
			consentText: m.newsletter_consent({}, { locale: input.locale }),
			confirmedAt: null,
			unsubscribedAt: null
		};
		const row = existing
			? await queries.updateSubscriber(tx, existing.id, proof)
			: await queries.insertSubscriber(tx, { email, ...proof });
		const url = await newsletterUrl(tx, meta.origin, '/newsletter/bestaetigen', row!);
		// The confirmation carries no advertising: what was asked for, the link, and how to ignore it.
		await queueComposedMail(tx, row!, 'newsletter_confirm', (o) => ({
			subject: m.mail_newsletter_confirm_subject({}, o),
			paragraphs: [
				m.mail_newsletter_confirm_text({ days: String(CONFIRM_DAYS) }, o),
				m.mail_ignore_text({}, o)
			],
			action: { label: m.mail_newsletter_confirm_action({}, o), url }
		}));
	});
}

async function subscriberFor(ctx: ServiceContext, purpose: 'confirm' | 'manage', token: string) {
	const id = tokenSubscriberId(token);
	const row = id === null ? undefined : await queries.findSubscriber(ctx.db, id);
	if (!row || !(await tokenMatches(ctx.db, purpose, token, row))) throw new NotFound('subscriber');
	return row;
}

/** Double opt-in, step 2. A link older than {@link CONFIRM_DAYS} days no longer works. */
export async function confirmSubscription(ctx: ServiceContext, token: string, now = new Date()) {
	const row = await subscriberFor(ctx, 'confirm', token);
	if (row.status === 'confirmed') return row;
	if (row.status !== 'pending' || now.getTime() - row.signupAt.getTime() > CONFIRM_DAYS * DAY)
		throw new NotFound('expired');
	return (await queries.updateSubscriber(ctx.db, row.id, { status: 'confirmed', confirmedAt: now }))!;
}

/** Immediate, without signing in; also what the one-click header (RFC 8058) triggers. */
export async function unsubscribe(ctx: ServiceContext, token: string, now = new Date()) {
	const row = await subscriberFor(ctx, 'manage', token);
	if (row.status === 'unsubscribed') return row;
	return (await queries.updateSubscriber(ctx.db, row.id, { status: 'unsubscribed', unsubscribedAt: now }))!;
}

export async function getSubscription(ctx: ServiceContext, token: string) {
	const row = await subscriberFor(ctx, 'manage', token);
	return { email: row.email, locale: row.locale, topics: row.topics, status: row.status };
}

export async function updateSubscription(
	ctx: ServiceContext,
	token: string,
	input: { locale: Locale; topics: string[] }
) {
	const row = await subscriberFor(ctx, 'manage', token);
	if (!isLocale(input.locale)) throw new NotFound('locale');
	await queries.updateSubscriber(ctx.db, row.id, { locale: input.locale, topics: input.topics });
}

export async function subscriberStats(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'newsletter.manage');
	const rows = await queries.subscriberCounts(ctx.db);
	const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
	return { confirmed: count('confirmed'), pending: count('pending'), unsubscribed: count('unsubscribed') };
}

/** Maintenance: expired sign-ups and old unsubscriptions go. */
export async function forgetStaleSubscribers(db: Db, now = new Date()) {
	await queries.deleteStaleSubscribers(
		db,
		new Date(now.getTime() - CONFIRM_DAYS * DAY),
		new Date(now.getTime() - UNSUBSCRIBED_KEEP_DAYS * DAY)
	);
}
