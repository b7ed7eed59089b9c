import { localizePath, isLocale, BASE_LOCALE } from '#lib/i18n/locales.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { appSecret, sign, signatureMatches } from '#lib/server/contact/secrets.ts';

/**
 * Links in newsletter mails: `confirm` (double opt-in; bound to the sign-up time, so an old
 * confirmation link dies with a new sign-up) and `manage` (unsubscribe, language and topics).
 */
type Purpose = 'confirm' | 'manage';

async function secret(db: DbOrTx) {
	return appSecret(db, 'newsletter-links');
}

const value = (purpose: Purpose, id: number, signupAt: Date) =>
	purpose === 'confirm' ? `newsletter:confirm:${id}:${signupAt.getTime()}` : `newsletter:manage:${id}`;

export async function newsletterToken(
	db: DbOrTx,
	purpose: Purpose,
	subscriber: { id: number; signupAt: Date }
) {
	return `${subscriber.id}-${sign(await secret(db), value(purpose, subscriber.id, subscriber.signupAt))}`;
}

/** The subscriber id a token names (to be checked with {@link tokenMatches} against the row). */
export function tokenSubscriberId(token: string): number | null {
	const match = /^(\d{1,9})-[0-9a-f]{32}$/.exec(token);
	return match ? Number(match[1]) : null;
}

export async function tokenMatches(
	db: DbOrTx,
	purpose: Purpose,
	token: string,
	subscriber: { id: number; signupAt: Date }
) {
	const signature = token.split('-')[1] ?? '';
	return signatureMatches(await secret(db), value(purpose, subscriber.id, subscriber.signupAt), signature);
}

export async function newsletterUrl(
	db: DbOrTx,
	origin: string,
	path:
		| '/newsletter/bestaetigen'
		| '/newsletter/abmelden'
		| '/newsletter/einstellungen'
		| '/newsletter/ein-klick',
	subscriber: { id: number; signupAt: Date; locale: string }
) {
	const locale = isLocale(subscriber.locale) ? subscriber.locale : BASE_LOCALE;
	const purpose: Purpose = path === '/newsletter/bestaetigen' ? 'confirm' : 'manage';
	// The one-click address is not localised: mail programs post to it without a person reading it.
	const localized = path === '/newsletter/ein-klick' ? path : localizePath(path, locale);
	return `${origin}${localized}?token=${await newsletterToken(db, purpose, subscriber)}`;
}
