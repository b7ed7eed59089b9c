import type { TestProject } from 'vitest/node';
import { findPgBin, startPostgres } from './pg-server.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		pgUrl: string;
	}
}

/** One throwaway PostgreSQL server for the whole integration run; each test file gets its own database. */
export default async function setup(project: TestProject) {
	if (!findPgBin()) {
		throw new Error(
			'The PostgreSQL server binaries are missing. Install them (Debian: apt-get install postgresql) or run `npm test` as root, which installs them.'
		);
	}
	const pg = await startPostgres();
	project.provide('pgUrl', pg.url);
	return async () => {
		await pg.stop();
	};
}
