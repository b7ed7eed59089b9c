// A throwaway PostgreSQL server for tests: initdb into a temp folder, start on a free port,
// stop and delete on close. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
	const root = '/usr/lib/postgresql';
	if (process.env.PG_BIN && existsSync(path.join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function asPg(bin, args, options = {}) {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args], options] : [bin, args, options];
}

/**
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPostgres() {
	const bin = findPgBin();
	if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
	const dir = mkdtempSync(path.join(os.tmpdir(), 'miteinander-pg-'));
	chmodSync(dir, 0o777);
	const data = path.join(dir, 'data');
	if (isRoot()) execFileSync('chown', ['postgres', dir]);
	const [initCmd, initArgs] = asPg(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--encoding=UTF8',
		'--locale=C.UTF-8',
		'--no-sync'
	]);
	execFileSync(initCmd, initArgs, { stdio: 'ignore' });
	const port = await freePort();
	const [cmd, args] = asPg(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200'
	]);
	const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const ready = path.join(bin, 'pg_isready');
	for (let i = 0; ; i++) {
		try {
			execFileSync(ready, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { stdio: 'ignore' });
			break;
		} catch {
			if (i > 100 || child.exitCode !== null) throw new Error(`PostgreSQL did not start: ${stderr}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const stop = async () => {
		try {
			const [c, a] = asPg(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
			execFileSync(c, a, { stdio: 'ignore' });
		} catch {
			child.kill('SIGKILL');
		}
		rmSync(dir, { recursive: true, force: true });
	};
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
}
