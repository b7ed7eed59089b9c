// Starts the built app for the browser tests: `node tests/support/e2e-server.mjs pglite|postgres PORT`.
// Each run gets a fresh database (a temp PGlite folder or a throwaway PostgreSQL server), so the
// tests see exactly what a newcomer's first start produces.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres } from './pg-server.mjs';

const [kind, port] = process.argv.slice(2);
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };
let cleanup = async () => {};

if (kind === 'postgres') {
	const pg = await startPostgres();
	env.DATABASE_URL = pg.url;
	cleanup = pg.stop;
} else {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'miteinander-e2e-'));
	// A folder that does not exist yet, as on a fresh clone (./data/pglite).
	env.DATA_DIR = path.join(dir, 'data', 'pglite');
	cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const server = spawn(process.execPath, ['--max-semi-space-size=8', 'scripts/serve.mjs'], {
	env,
	stdio: ['ignore', 'inherit', 'inherit']
});

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	server.kill(signal);
	await new Promise((resolve) => server.once('exit', resolve));
	await cleanup();
	process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
server.on('exit', async (code) => {
	if (!stopping) {
		await cleanup();
		process.exit(code ?? 1);
	}
});
