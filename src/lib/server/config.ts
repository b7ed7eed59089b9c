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
	/** smtp://user:pass@host:587 — without it, mails are only stored in the outbox. */
	smtpUrl: string | undefined;
	mailFrom: string;
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
		adminEmail: env.ADMIN_EMAIL?.trim() || 'admin@localhost',
		smtpUrl: env.SMTP_URL?.trim() || undefined,
		mailFrom: env.MAIL_FROM?.trim() || 'Miteinander <noreply@localhost>'
	};
}
