import type { DbOrTx } from '#lib/server/db/client.ts';
import { appSecret, sign, signatureMatches } from '#lib/server/contact/secrets.ts';

/**
 * A private link token for a record: its id and an HMAC of `<label>:<id>` with a secret kept in the
 * database (one per purpose). Nothing to store; the token works until the secret changes.
 */
export async function signedIdToken(
	db: DbOrTx,
	secretName: string,
	label: string,
	id: number
): Promise<string> {
	return `${id}-${sign(await appSecret(db, secretName), `${label}:${id}`)}`;
}

/** The id a token stands for, or null when it is not genuine. */
export async function idFromSignedToken(db: DbOrTx, secretName: string, label: string, token: string) {
	const match = /^(\d{1,9})-([0-9a-f]{32})$/.exec(token);
	if (!match) return null;
	const id = Number(match[1]);
	return signatureMatches(await appSecret(db, secretName), `${label}:${id}`, match[2]!) ? id : null;
}
