import { BASE_LOCALE, isLocale, localizePath } from '#lib/i18n/locales.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { idFromSignedToken, signedIdToken } from '#lib/server/http/signed-id.ts';

/**
 * A registration's private link: it lets the person see their status, the online link and the
 * certificate, and cancel, without an account.
 */
const SECRET = 'event-registration-link';

export const registrationToken = (db: DbOrTx, registrationId: number) =>
	signedIdToken(db, SECRET, 'registration', registrationId);

export const registrationIdFromToken = (db: DbOrTx, token: string) =>
	idFromSignedToken(db, SECRET, 'registration', token);

export async function registrationUrl(
	db: DbOrTx,
	registration: { id: number; origin: string; locale: string }
): Promise<string> {
	const locale = isLocale(registration.locale) ? registration.locale : BASE_LOCALE;
	const token = await registrationToken(db, registration.id);
	return `${registration.origin}${localizePath('/veranstaltungen/anmeldung', locale)}?token=${token}`;
}
