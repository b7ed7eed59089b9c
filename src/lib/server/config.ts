import path from 'node:path';

/**
 * Runtime configuration from the environment. Read with process.env (not `$app/env/private`) so
 * that the command-line scripts (admin:create, seed) share it with the app; see docs/decisions.md.
 */
export interface Config {
	databaseUrl: string | undefined;
	dataDir: string;
	contentDir: string;
	adminEmail: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
	}
	return {
		databaseUrl,
		dataDir: env.DATA_DIR?.trim() || path.resolve(process.cwd(), 'data', 'pglite'),
		contentDir: env.CONTENT_DIR?.trim() || path.resolve(process.cwd(), 'content'),
		adminEmail: env.ADMIN_EMAIL?.trim() || 'admin@localhost'
	};
}
