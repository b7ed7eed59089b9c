// npm run bench (second part): directory search over 10,000 actors, measured in the service
// (searchDirectory: one page of results plus all facet counts), on PGlite and on a PostgreSQL
// server. Budget from docs/DESIGN: p95 ≤ 30 ms. Prints a table; exits 1 when the budget is missed.
import os from 'node:os';
import {
	ACTIVITY_FIELDS,
	DEFAULT_VISIBILITY,
	DISTRICTS,
	ORGANISATION_KINDS
} from '#lib/directory/directory.ts';
import { parseDirectoryQuery } from '#lib/directory/query.ts';
import { openDatabase, type Database } from '#lib/server/db/client.ts';
import { insertOrganisation, upsertDescription } from '#lib/server/directory/directory.queries.ts';
import { refreshSearchOf, searchDirectory } from '#lib/server/directory/directory.service.ts';
import { municipalitiesOf } from '#lib/server/directory/municipalities.ts';
import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import { startPostgres } from '../tests/support/pg-server.mjs';

const COUNT = Number(process.env.BENCH_ACTORS ?? 10_000);
const RUNS = 40;
const BUDGET_P95_MS = 30;

// A small deterministic generator, so every run measures the same data.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], max: number): T[] => [
	...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))
];

const WORDS = [
	'Brücke',
	'Miteinander',
	'Zukunft',
	'Heimat',
	'Begegnung',
	'Vielfalt',
	'Kultur',
	'Sonne',
	'Dialog',
	'Hoffnung'
];
const GROUPS = [
	'Vietnamesische Community',
	'Ukrainische Familien',
	'Geflüchtete aus Syrien',
	'Afghanische Frauen',
	'Russischsprachige Senioren',
	'Polnische Eltern'
];
const LANGS = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'pl', 'vi', 'tr', 'ku', 'ti', 'fr', 'es'];
const TEXTS = [
	'Wir sind eine Migrantenorganisation und beraten Familien beim Ankommen.',
	'Unser Verein bietet Sprachkurse, Hausaufgabenhilfe und Begegnungen für Kinder und Eltern.',
	'Wir vernetzen Migrantenorganisationen in der Region und begleiten Ehrenamtliche.',
	'Beratung zu Arbeit, Anerkennung von Abschlüssen und Aufenthalt in mehreren Sprachen.'
];

async function fill(database: Database) {
	const db = database.db;
	await db.transaction(async (tx) => {
		for (let i = 0; i < COUNT; i++) {
			const district = pick(DISTRICTS);
			const municipality = pick(municipalitiesOf(district.key));
			const org = await insertOrganisation(tx, {
				slug: `bench-${i}`,
				name: `${pick(WORDS)} ${pick(WORDS)} ${municipality} ${i}`,
				kind: pick(ORGANISATION_KINDS),
				districtKey: district.key,
				municipality,
				languages: some(LANGS, 4),
				communities: some(GROUPS, 2),
				fields: some(ACTIVITY_FIELDS, 4),
				isMember: random() < 0.3,
				visibility: DEFAULT_VISIBILITY,
				status: 'published'
			});
			await upsertDescription(tx, {
				organisationId: org.id,
				locale: 'de',
				body: pick(TEXTS),
				sourceRevision: 1
			});
			await refreshSearchOf(tx, org);
		}
	});
}

const QUERIES = [
	'',
	'q=Dresden',
	'q=Dresdn',
	'q=Meissen',
	'q=Migrantenorganisation',
	'q=Bildung+Leipzig',
	'sprache=uk&kreis=14729&bereich=education',
	'q=Hausaufgabenhilfe&sprache=ar',
	'art=migrant_council&sortierung=name&seite=3',
	'mitglied=1&bereich=women'
];

async function measure(database: Database) {
	const ctx = { db: database.db, actor: ANONYMOUS };
	const times: number[] = [];
	const perQuery = new Map<string, number[]>();
	for (const q of QUERIES) await searchDirectory(ctx, parseDirectoryQuery(new URLSearchParams(q))); // warm up
	for (let run = 0; run < RUNS; run++) {
		for (const q of QUERIES) {
			const t0 = performance.now();
			await searchDirectory(ctx, parseDirectoryQuery(new URLSearchParams(q)));
			const ms = performance.now() - t0;
			times.push(ms);
			perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
		}
	}
	if (process.env.BENCH_VERBOSE) {
		for (const [q, list] of perQuery)
			console.log(`${q || '(all)'}: median ${list.sort((a, b) => a - b)[list.length >> 1]!.toFixed(1)} ms`);
	}
	times.sort((a, b) => a - b);
	const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
	return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

const rows: string[] = [];
let failed = false;
const pg = await startPostgres();
try {
	for (const kind of ['pglite', 'postgres'] as const) {
		const database = await openDatabase(kind === 'pglite' ? {} : { url: pg.url });
		try {
			const t0 = performance.now();
			await fill(database);
			const seconds = ((performance.now() - t0) / 1000).toFixed(0);
			const r = await measure(database);
			const ok = r.p95 <= BUDGET_P95_MS;
			failed ||= !ok;
			rows.push(
				`| directory search, ${COUNT} actors, ${kind} | p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (filled in ${seconds} s) | p95 ≤ ${BUDGET_P95_MS} ms | ${ok ? 'ok' : 'MISSED'} |`
			);
		} finally {
			await database.close();
		}
	}
} finally {
	await pg.stop();
}
console.log(`\n${QUERIES.length} queries × ${RUNS} runs per database, ${os.cpus().length} cores\n`);
console.log('| measure | result | budget | |\n| --- | --- | --- | --- |\n' + rows.join('\n'));
if (failed) process.exitCode = 1;
