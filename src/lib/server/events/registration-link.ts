import { localizePath, isLocale, BASE_LOCALE } from '#lib/i18n/locales.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { appSecret, sign, signatureMatches } from '#lib/server/contact/secrets.ts';

/**
 * A registration's private link: its id and an HMAC of it. It lets the person see their status,
 * the online link and the certificate, and cancel, without an account.
 */
async function secret(db: DbOrTx) {
	return appSecret(db, 'event-registration-link');
}

export async function registrationToken(db: DbOrTx, registrationId: number): Promise<string> {
	return `${registrationId}-${sign(await secret(db), `registration:${registrationId}`)}`;
}

/** The registration id the token is for, or null when it is not genuine. */
export async function registrationIdFromToken(db: DbOrTx, token: string): Promise<number | null> {
	const match = /^(\d{1,9})-([0-9a-f]{32})$/.exec(token);
	if (!match) return null;
	const id = Number(match[1]);
	return signatureMatches(await secret(db), `registration:${id}`, match[2]!) ? id : null;
}

export async function registrationUrl(
	db: DbOrTx,
	registration: { id: number; origin: string; locale: string }
): Promise<string> {
	const locale = isLocale(registration.locale) ? registration.locale : BASE_LOCALE;
	const token = await registrationToken(db, registration.id);
	return `${registration.origin}${localizePath('/veranstaltungen/anmeldung', locale)}?token=${token}`;
}
