import { prepareDatabase } from './bootstrap.ts';
import { readConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { errorFields, log } from './log.ts';

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
	const database = await prepareDatabase(readConfig());
	// scripts/serve.mjs emits this on SIGTERM/SIGINT; PGlite would otherwise keep the process alive.
	process.once('sveltekit:shutdown', () => {
		void database.close().then(() => log.info('database closed'));
	});
	return database;
}
