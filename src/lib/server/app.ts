import { ensureFirstAdmin } from './accounts/admin-bootstrap.ts';
import { readConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { errorFields, log } from './log.ts';
import { seedDatabase } from './seed/seed.ts';

let started: Promise<Database> | undefined;

/** The app's database, opened, migrated and seeded once per process. */
export function appDatabase(): Promise<Database> {
	started ??= start().catch((error: unknown) => {
		log.error('startup failed', errorFields(error));
		started = undefined;
		throw error;
	});
	return started;
}

async function start(): Promise<Database> {
	const config = readConfig();
	const t0 = performance.now();
	const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
	const seeded = await seedDatabase(database.db, config.contentDir);
	log.info('database ready', {
		kind: database.kind,
		ms: Math.round(performance.now() - t0),
		pagesSeeded: seeded.pagesCreated.length
	});
	const admin = await ensureFirstAdmin(database.db, config.adminEmail);
	if (admin) printOnce(admin.email, admin.password);
	// adapter-node and scripts/serve.mjs emit this on SIGTERM/SIGINT; PGlite would otherwise keep
	// the process alive.
	process.once('sveltekit:shutdown', () => {
		void database.close().then(() => log.info('database closed'));
	});
	return database;
}

function printOnce(email: string, password: string) {
	// Deliberately not a JSON log line: it is meant for the person starting the server, once.
	process.stdout.write(
		[
			'',
			'==================================================================',
			' First start: an administrator account was created.',
			`   email:    ${email}`,
			`   password: ${password}`,
			' This password is shown only now. Store it safely and change it.',
			' Another admin: npm run admin:create -- --email you@example.org',
			'==================================================================',
			''
		].join('\n') + '\n'
	);
}
