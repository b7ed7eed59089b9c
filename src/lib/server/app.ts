import { prepareDatabase } from './bootstrap.ts';
import { readConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { errorFields, log } from './log.ts';
import { startJobWorker, type JobWorker } from './jobs/worker.ts';
import { mailJobHandlers } from './mail/mail.service.ts';
import { membershipJobHandlers } from './membership/import.service.ts';
import { eventJobHandlers } from './events/jobs.ts';
import { newsletterJobHandlers } from './newsletter/sender.ts';
import { exchangeJobHandlers, scheduleDigest } from './exchange/helpers.service.ts';
import { createMailTransport } from './mail/transport.ts';
import { runMaintenance } from './maintenance/maintenance.service.ts';
import { createFileSystemStorage, type FileStorage } from './files/storage.ts';

let started: Promise<Database> | undefined;
let worker: JobWorker | undefined;

/** Runs due jobs (mails …) now instead of at the next poll; call after enqueueing. */
export function kickJobs() {
	worker?.kick();
}

let origin = process.env.ORIGIN?.trim() ?? '';

/**
 * The site's address for links in mails sent without a request (digests): ORIGIN when set (as for
 * adapter-node), otherwise the one the last request came in on.
 */
export function siteOrigin(): string {
	return origin;
}

export function rememberOrigin(requestOrigin: string) {
	if (!process.env.ORIGIN) origin = requestOrigin;
}

let storage: FileStorage | undefined;

/** Where uploads are kept (UPLOAD_DIR; see files/storage.ts). */
export function appStorage(): FileStorage {
	storage ??= createFileSystemStorage(readConfig().uploadDir);
	return storage;
}

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
	const database = await prepareDatabase(config);
	const transport = createMailTransport(config.smtpUrl);
	if (!transport) log.info('no SMTP_URL: mails are stored in the outbox (admin area, Postausgang)');
	worker = startJobWorker(database.db, {
		...mailJobHandlers(database.db, { transport, from: config.mailFrom }),
		...membershipJobHandlers(database.db, appStorage()),
		...eventJobHandlers(database.db),
		...newsletterJobHandlers(database.db, { transport, from: config.mailFrom }),
		...exchangeJobHandlers(database.db)
	});
	const maintain = () =>
		runMaintenance(database.db)
			.then(() => (origin ? scheduleDigest(database.db, origin) : undefined))
			.catch((error: unknown) => log.error('maintenance failed', errorFields(error)));
	void maintain();
	const maintenance = setInterval(() => void maintain(), 60 * 60 * 1000);
	maintenance.unref();
	// scripts/serve.mjs emits this on SIGTERM/SIGINT; PGlite would otherwise keep the process alive.
	process.once('sveltekit:shutdown', () => {
		void (async () => {
			clearInterval(maintenance);
			await worker?.stop();
			await database.close();
			log.info('database closed');
		})();
	});
	return database;
}
