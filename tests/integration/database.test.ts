import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '#lib/server/db/client.ts';
import { defaultMigrationsFolder } from '#lib/server/db/client.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

// Both drivers return { rows }; Drizzle's common type leaves the result untyped.
const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;

describe.each(DATABASE_KINDS)('database on %s', (kind) => {
	let database: Database;
	beforeAll(async () => {
		database = await openTestDatabase(kind);
	});
	afterAll(async () => {
		await database?.close();
	});

	it('applies every committed migration', async () => {
		const result = await database.db.execute(
			sql`select count(*)::int as n from drizzle.__drizzle_migrations`
		);
		const { readFile } = await import('node:fs/promises');
		const journal = JSON.parse(await readFile(`${defaultMigrationsFolder()}/meta/_journal.json`, 'utf8')) as {
			entries: unknown[];
		};
		expect(rowsOf(result)[0]).toEqual({ n: journal.entries.length });
	});

	it('has the full-text search building blocks: unaccent, pg_trgm and german_unaccent', async () => {
		const result = await database.db.execute(sql`
			select
				to_tsvector('german_unaccent', 'Migrantenorganisationen in Meißen')
					@@ plainto_tsquery('german_unaccent', 'Migrantenorganisation Meissen') as stemmed,
				unaccent('Görlitz') as plain,
				similarity('Dresden', 'Dresdn') > 0.3 as typo_tolerant`);
		expect(rowsOf(result)[0]).toEqual({ stemmed: true, plain: 'Gorlitz', typo_tolerant: true });
	});

	it('reports itself healthy', async () => {
		await expect(database.ping()).resolves.toBeUndefined();
		expect(database.kind).toBe(kind);
	});
});
