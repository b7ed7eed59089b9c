// `npm start` builds first when there is no build yet or the sources are newer than it, so that
// `npm ci && npm start` on a fresh clone just works.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const output = 'build/handler.js';
const inputs = [
	'src',
	'messages',
	'static',
	'package.json',
	'vite.config.ts',
	'project.inlang/settings.json'
];

/** @param {string} p @returns {number} */
function newest(p) {
	if (!existsSync(p)) return 0;
	const stat = statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = 0;
	for (const entry of readdirSync(p)) {
		// Generated files do not count as a change.
		if (entry === 'paraglide' || entry === 'node_modules') continue;
		max = Math.max(max, newest(path.join(p, entry)));
	}
	return max;
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const changed = Math.max(...inputs.map(newest));
if (built < changed) {
	console.log(built ? 'Sources changed since the last build: building …' : 'No build yet: building …');
	execSync('npm run build', { stdio: 'inherit' });
}
