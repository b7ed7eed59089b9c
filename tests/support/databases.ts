import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '#lib/server/db/client.ts';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** A fresh, migrated database of the given kind: in-memory PGlite, or a new database on the test server. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
	if (kind === 'pglite') return openDatabase({});
	const adminUrl = inject('pgUrl');
	const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client(adminUrl);
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return openDatabase({ url: url.toString() });
}
