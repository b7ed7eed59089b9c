import { localizePath, type Locale } from '#lib/i18n/locales.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { idFromSignedToken, signedIdToken } from '#lib/server/http/signed-id.ts';

/**
 * The applicant's private status link (an HMAC of the application id, see http/signed-id.ts):
 * nothing to store, and every mail (confirmation, questions, decision) can carry it.
 */
const SECRET = 'membership-status-link';

export const statusToken = (db: DbOrTx, applicationId: number) =>
	signedIdToken(db, SECRET, 'application', applicationId);

/** The application id the token is for, or null when it is not genuine. */
export const applicationIdFromToken = (db: DbOrTx, token: string) =>
	idFromSignedToken(db, SECRET, 'application', token);

export async function statusUrl(
	db: DbOrTx,
	origin: string,
	locale: Locale,
	applicationId: number
): Promise<string> {
	return `${origin}${localizePath('/mitglied-werden/status', locale)}?token=${await statusToken(db, applicationId)}`;
}
