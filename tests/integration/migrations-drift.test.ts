import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('drizzle migrations', () => {
	it('match the schema: generating from the schema produces no new migration', () => {
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'miteinander-drift-'));
		try {
			const out = path.join(tmp, 'drizzle');
			cpSync('drizzle', out, { recursive: true });
			const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
			execFileSync(
				'node_modules/.bin/drizzle-kit',
				[
					'generate',
					'--dialect',
					'postgresql',
					'--schema',
					'./src/lib/server/db/schema/index.ts',
					'--out',
					out
				],
				{ stdio: 'pipe' }
			);
			const after = readdirSync(out).filter((f) => f.endsWith('.sql'));
			expect(after, 'schema changed without a migration: run npm run db:generate').toEqual(before);
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	});
});
