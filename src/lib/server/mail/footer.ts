import type { DbOrTx } from '#lib/server/db/client.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';

/** The association's identity under every mail (§ 5 DDG applies to mails too). */
export async function footerLines(db: DbOrTx): Promise<string[]> {
	const s = await findSettings(db);
	if (!s) return [];
	const address = [s.street, [s.postalCode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
	return [s.name, address, s.email ?? ''].filter(Boolean);
}
