import { ensureFirstAdmin } from './accounts/admin-bootstrap.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { log } from './log.ts';
import { seedDatabase } from './seed/seed.ts';
import { seedDemoData } from './seed/demo.ts';
import { seedDemoEvents } from './seed/demo-events.ts';
import { seedDemoDocuments } from './seed/demo-documents.ts';
import { createFileSystemStorage } from './files/storage.ts';

/**
 * Opens the configured database, applies the migrations, seeds what is missing and creates the
 * first administrator. Idempotent; run by `npm start` before the server (scripts/prepare-db.ts,
 * so the server process never carries PGlite's one-off initdb memory peak) and again by the server.
 */
export async function prepareDatabase(config: Config): Promise<Database> {
	const t0 = performance.now();
	const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
	const seeded = await seedDatabase(database.db, config.contentDir);
	const demo = config.demo ? await seedDemoData(database.db, config.contentDir) : 0;
	const demoEvents = config.demo ? await seedDemoEvents(database.db, config.contentDir) : 0;
	const demoDocuments = config.demo
		? await seedDemoDocuments(database.db, createFileSystemStorage(config.uploadDir), config.contentDir)
		: 0;
	log.info('database ready', {
		kind: database.kind,
		ms: Math.round(performance.now() - t0),
		pagesSeeded: seeded.pagesCreated.length,
		demoOrganisationsSeeded: demo,
		demoEventsSeeded: demoEvents,
		demoDocumentsSeeded: demoDocuments
	});
	const admin = await ensureFirstAdmin(database.db, config.adminEmail);
	if (admin) printOnce(admin.email, admin.password);
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
			' This password is shown only now. Store it safely.',
			' Another admin: npm run admin:create -- --email you@example.org',
			'==================================================================',
			''
		].join('\n') + '\n'
	);
}
