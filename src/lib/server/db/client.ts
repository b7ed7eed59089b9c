import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The common Drizzle type of the PGlite and the node-postgres database. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction has the same query API as the database; services pass it explicitly. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	ping(): Promise<void>;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** postgres://… — a PostgreSQL server. Without it, the embedded PGlite is used. */
	url?: string;
	/** PGlite data folder; `memory://` (or undefined) keeps everything in memory. */
	dataDir?: string;
	/** Folder of the committed SQL migrations. */
	migrationsFolder?: string;
}

export const defaultMigrationsFolder = () => path.resolve(process.cwd(), 'drizzle');

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	const database = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
	await migrateDatabase(database, options.migrationsFolder ?? defaultMigrationsFolder());
	return database;
}

async function openPostgres(url: string): Promise<Database> {
	const [{ default: pg }, { drizzle }] = await Promise.all([
		import('pg'),
		import('drizzle-orm/node-postgres')
	]);
	const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
	const db = drizzle(pool, { schema }) as unknown as Db;
	return {
		db,
		kind: 'postgres',
		ping: async () => void (await pool.query('select 1')),
		close: () => pool.end()
	};
}

// PGlite is imported lazily: in PostgreSQL mode it is never loaded (saves ~57 MiB RSS).
async function openPglite(dataDir?: string): Promise<Database> {
	const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle }] = await Promise.all([
		import('@electric-sql/pglite'),
		import('@electric-sql/pglite/contrib/pg_trgm'),
		import('@electric-sql/pglite/contrib/unaccent'),
		import('drizzle-orm/pglite')
	]);
	const persistent = dataDir && dataDir !== 'memory://' ? dataDir : undefined;
	// PGlite creates only the last folder of the path itself.
	if (persistent) mkdirSync(path.dirname(path.resolve(persistent)), { recursive: true });
	const client = await PGlite.create({
		dataDir: persistent,
		extensions: { pg_trgm, unaccent },
		// A small buffer pool keeps the in-process database's memory in check.
		postgresqlconf: ['shared_buffers=16MB']
	});
	const db = drizzle(client, { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		ping: async () => void (await client.query('select 1')),
		close: () => client.close()
	};
}

async function migrateDatabase(database: Database, migrationsFolder: string) {
	if (database.kind === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants the driver-specific type
		await migrate(database.db as any, { migrationsFolder });
		return;
	}
	const { migrate } = await import('drizzle-orm/node-postgres/migrator');
	// Several app processes may start at once against one server: one migrates, the others wait.
	await database.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
		await migrate(tx as any, { migrationsFolder });
	});
}
