// Starts the built app for the browser tests: `node tests/support/e2e-server.mjs pglite|postgres PORT`.
// Each run gets a fresh database (a temp PGlite folder or a throwaway PostgreSQL server) and a real
// SMTP server that writes every message it receives to a folder, so tests read real mails.
// What the tests need to know (mail folder, database URL, the first admin's password as printed on
// the console) is written to `<tmp>/miteinander-e2e-<PORT>/state.json`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startPostgres } from './pg-server.mjs';

const [kind, port] = process.argv.slice(2);
const stateDir = path.join(os.tmpdir(), `miteinander-e2e-${port}`);
rmSync(stateDir, { recursive: true, force: true });
const mailDir = path.join(stateDir, 'mail');
mkdirSync(mailDir, { recursive: true });

let received = 0;
const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, _session, callback) {
		/** @type {Buffer[]} */
		const chunks = [];
		stream.on('data', (chunk) => chunks.push(chunk));
		stream.on('end', () => {
			received++;
			writeFileSync(path.join(mailDir, `${String(received).padStart(4, '0')}.eml`), Buffer.concat(chunks));
			callback();
		});
	}
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(undefined)));
const smtpPort = /** @type {import('node:net').AddressInfo} */ (smtp.server.address()).port;

/** @type {NodeJS.ProcessEnv} */
const env = {
	...process.env,
	PORT: port,
	HOST: '127.0.0.1',
	SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
	MAIL_FROM: 'Integrationsnetzwerk Sachsen <noreply@example.org>',
	ADMIN_EMAIL: 'admin@example.org',
	// The fictional sample directory, so the journeys have something to find.
	DEMO: '1'
};
/** @type {{ mailDir: string, databaseUrl?: string, adminEmail: string, adminPassword?: string }} */
const state = { mailDir, adminEmail: 'admin@example.org' };
let cleanup = async () => {};

if (kind === 'postgres') {
	const pg = await startPostgres();
	env.DATABASE_URL = pg.url;
	state.databaseUrl = pg.url;
	cleanup = pg.stop;
} else {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'miteinander-e2e-'));
	// A folder that does not exist yet, as on a fresh clone (./data/pglite).
	env.DATA_DIR = path.join(dir, 'data', 'pglite');
	cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const server = spawn(process.execPath, ['--max-semi-space-size=8', 'scripts/serve.mjs'], {
	env,
	stdio: ['ignore', 'pipe', 'inherit']
});
// The first start prints the admin's password once, for the person at the console: read it there.
let out = '';
server.stdout.on('data', (chunk) => {
	out += chunk;
	const match = /password:\s+(\S+)/.exec(out);
	if (match && !state.adminPassword) {
		state.adminPassword = match[1];
		writeFileSync(path.join(stateDir, 'state.json'), JSON.stringify(state));
	}
});
writeFileSync(path.join(stateDir, 'state.json'), JSON.stringify(state));

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	server.kill(signal);
	await new Promise((resolve) => server.once('exit', resolve));
	smtp.close();
	await cleanup();
	process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
server.on('exit', async (code) => {
	if (!stopping) {
		smtp.close();
		await cleanup();
		process.exit(code ?? 1);
	}
});
