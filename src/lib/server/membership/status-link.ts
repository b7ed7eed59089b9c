import { localizePath, type Locale } from '#lib/i18n/locales.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { appSecret, sign, signatureMatches } from '#lib/server/contact/secrets.ts';

/**
 * The applicant's private status link: the application id and an HMAC of it with a secret kept in
 * the database. Nothing to store, and every mail (confirmation, questions, decision) can carry it.
 */
async function secret(db: DbOrTx) {
	return appSecret(db, 'membership-status-link');
}

export async function statusToken(db: DbOrTx, applicationId: number): Promise<string> {
	return `${applicationId}-${sign(await secret(db), `application:${applicationId}`)}`;
}

/** The application id the token is for, or null when it is not genuine. */
export async function applicationIdFromToken(db: DbOrTx, token: string): Promise<number | null> {
	const match = /^(\d{1,9})-([0-9a-f]{32})$/.exec(token);
	if (!match) return null;
	const id = Number(match[1]);
	return signatureMatches(await secret(db), `application:${id}`, match[2]!) ? id : null;
}

export async function statusUrl(
	db: DbOrTx,
	origin: string,
	locale: Locale,
	applicationId: number
): Promise<string> {
	return `${origin}${localizePath('/mitglied-werden/status', locale)}?token=${await statusToken(db, applicationId)}`;
}
