// npm run bench — the budgets of docs/DESIGN (page weight, throughput, latency, memory), measured on
// the built app. Prints a table and exits 1 when a budget is missed. Not part of `npm test`:
// timings on shared machines are noisy, so compare the ratios within one run.
import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
// @ts-expect-error -- autocannon ships no type declarations
import autocannon from 'autocannon';
import { startPostgres } from '../tests/support/pg-server.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const PAGES = [
	'/',
	'/ueber-uns',
	'/ziele',
	'/grundsatzpositionen',
	'/mitgliedschaft',
	'/kontakt',
	'/impressum',
	'/datenschutz',
	'/barrierefreiheit',
	'/verzeichnis',
	'/verzeichnis?sprache=uk&kreis=14729',
	'/verzeichnis/kalyna-grimma',
	'/verzeichnis/beiraete',
	'/migrantenbeirat-gruenden',
	'/veranstaltungen',
	'/veranstaltungen?ansicht=monat',
	// The first demo event (DEMO=1 seeds events after the directory).
	'/veranstaltungen/1',
	'/aktuelles',
	'/newsletter',
	'/austausch',
	'/dokumente',
	'/ehrenamt'
];
const BUDGET = { publicKb: 15, ratio: 0.25, p99CachedMs: 20, rssPgliteMb: 200, rssPostgresMb: 120 };
const headers = { accept: 'text/html', 'accept-language': 'de' };
/** @type {string[]} */
const failures = [];

execSync('node scripts/build-if-needed.mjs', { stdio: 'inherit' });

/** @param {Record<string, string>} env @param {number} port */
async function startApp(env, port) {
	const child = spawn(process.execPath, ['--max-semi-space-size=8', 'scripts/serve.mjs'], {
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
		stdio: 'ignore'
	});
	for (let i = 0; i < 600; i++) {
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return child;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('app did not start');
}

/** @param {number} pid */
const rssMb = (pid) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** @param {string} url */
async function load(url) {
	const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
	return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Gzipped bytes of the document and everything it loads (CSS, JS). @param {string} base @param {string} page */
async function weight(base, page) {
	const html = await (await fetch(base + page, { headers })).text();
	let total = gzipSync(html).length;
	const assets = [...html.matchAll(/<(?:link|script)[^>]+(?:href|src)="([^"]+\.(?:css|js))"/g)].map((m) =>
		String(m[1])
	);
	for (const asset of new Set(assets)) {
		total += gzipSync(Buffer.from(await (await fetch(new URL(asset, base + page))).arrayBuffer())).length;
	}
	return { total, scripts: (html.match(/<script/g) ?? []).length };
}

/** @type {string[]} */
const rows = [];
/** @param {string} what @param {string} value @param {string} budget @param {boolean} ok */
function report(what, value, budget, ok) {
	rows.push(`| ${what} | ${value} | ${budget} | ${ok ? 'ok' : 'MISSED'} |`);
	if (!ok) failures.push(what);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'miteinander-bench-'));
const pg = await startPostgres();
try {
	// Embedded database
	// With the demo directory (DEMO=1), so the directory pages weigh what they will in use.
	const app = await startApp({ DATA_DIR: path.join(tmp, 'pglite'), DEMO: '1' }, 4310);
	const base = 'http://127.0.0.1:4310';
	for (const locale of ['de', 'ar']) {
		for (const page of PAGES) {
			const url = locale === 'de' ? page : page === '/' ? '/ar' : `/ar${page}`;
			const { total, scripts } = await weight(base, url);
			// Organisation and event pages carry one data block (JSON-LD), which is not JavaScript.
			const jsonLd = page.startsWith('/verzeichnis/kalyna') || page === '/veranstaltungen/1' ? 1 : 0;
			report(
				`weight ${url}`,
				`${(total / 1024).toFixed(1)} KB, ${scripts} scripts`,
				`≤ ${BUDGET.publicKb} KB, 0 scripts`,
				total <= BUDGET.publicKb * 1024 && scripts === jsonLd
			);
		}
	}
	const bytes = Buffer.from(await (await fetch(`${base}/ziele`, { headers })).arrayBuffer());
	const cached = await load(`${base}/ziele`);
	const uncachedPglite = await load(`${base}/ziele?uncached=1`);
	const rssPglite = rssMb(/** @type {number} */ (app.pid));
	app.kill('SIGTERM');

	// Bare node:http sending the same bytes from memory: the yardstick.
	const bare = http.createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html', 'content-length': bytes.length });
		res.end(bytes);
	});
	await new Promise((r) => bare.listen(4312, '127.0.0.1', () => r(undefined)));
	const yardstick = await load('http://127.0.0.1:4312/ziele');
	bare.close();

	// PostgreSQL server
	const appPg = await startApp({ DATABASE_URL: pg.url }, 4311);
	const cachedPg = await load('http://127.0.0.1:4311/ziele');
	const uncachedPg = await load('http://127.0.0.1:4311/ziele?uncached=1');
	const rssPg = rssMb(/** @type {number} */ (appPg.pid));
	appPg.kill('SIGTERM');

	const ratio = cached.rps / yardstick.rps;
	report(
		'bare node:http, same bytes',
		`${Math.round(yardstick.rps)} req/s, p99 ${yardstick.p99} ms`,
		'yardstick',
		true
	);
	report(
		'public page (cache), PGlite',
		`${Math.round(cached.rps)} req/s, p99 ${cached.p99} ms, ${(ratio * 100).toFixed(0)} % of bare`,
		`≥ ${BUDGET.ratio * 100} %, p99 < ${BUDGET.p99CachedMs} ms`,
		ratio >= BUDGET.ratio && cached.p99 < BUDGET.p99CachedMs && cached.errors === 0
	);
	report(
		'public page (cache), PostgreSQL',
		`${Math.round(cachedPg.rps)} req/s, p99 ${cachedPg.p99} ms, ${((cachedPg.rps / yardstick.rps) * 100).toFixed(0)} % of bare`,
		`≥ ${BUDGET.ratio * 100} %, p99 < ${BUDGET.p99CachedMs} ms`,
		cachedPg.rps / yardstick.rps >= BUDGET.ratio && cachedPg.p99 < BUDGET.p99CachedMs && cachedPg.errors === 0
	);
	report(
		'rendered with 2 queries, PGlite',
		`${Math.round(uncachedPglite.rps)} req/s, p99 ${uncachedPglite.p99} ms`,
		'informative',
		uncachedPglite.errors === 0
	);
	report(
		'rendered with 2 queries, PostgreSQL',
		`${Math.round(uncachedPg.rps)} req/s, p99 ${uncachedPg.p99} ms`,
		'informative',
		uncachedPg.errors === 0
	);
	report(
		'server RSS after load, PGlite',
		`${rssPglite.toFixed(0)} MB`,
		`≤ ${BUDGET.rssPgliteMb} MB`,
		rssPglite <= BUDGET.rssPgliteMb
	);
	report(
		'server RSS after load, PostgreSQL',
		`${rssPg.toFixed(0)} MB`,
		`≤ ${BUDGET.rssPostgresMb} MB`,
		rssPg <= BUDGET.rssPostgresMb
	);
} finally {
	await pg.stop();
	rmSync(tmp, { recursive: true, force: true });
}

console.log(`\n${CONNECTIONS} connections, ${DURATION} s per run, ${os.cpus().length} cores\n`);
console.log('| measure | result | budget | |\n| --- | --- | --- | --- |\n' + rows.join('\n'));
if (failures.length) {
	console.log(`\nMissed: ${failures.join(', ')}`);
	process.exitCode = 1;
}
