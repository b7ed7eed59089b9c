// npm run admin:create -- --email someone@example.org [--name "Name"]
// Creates an administrator (or resets an existing account's password and makes it admin) on the
// configured database: DATABASE_URL, or the embedded PGlite under ./data (stop the server first:
// only one process may open a PGlite folder). Prints the new random password once.
import { parseArgs } from 'node:util';
import { readConfig } from '#lib/server/config.ts';
import { openDatabase } from '#lib/server/db/client.ts';
import { createAdmin } from '#lib/server/accounts/admin-bootstrap.ts';

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' } },
	strict: true
});
if (!values.email) {
	console.error('Usage: npm run admin:create -- --email someone@example.org [--name "Name"]');
	process.exit(2);
}

const config = readConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
	const admin = await createAdmin(database.db, { email: values.email, name: values.name });
	console.log(
		`${admin.created ? 'Created administrator' : 'Existing account is now an administrator with a new password'}:\n` +
			`  email:    ${admin.email}\n  password: ${admin.password}\n` +
			'This password is shown only now.'
	);
} finally {
	await database.close();
}
