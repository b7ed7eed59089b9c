import path from 'node:path';

/**
 * Runtime configuration from the environment. Read with process.env (not `$app/env/private`) so
 * that the command-line scripts (admin:create, seed) share it with the app; see docs/decisions.md.
 */
export interface Config {
	databaseUrl: string | undefined;
	dataDir: string;
	contentDir: string;
	/** Uploaded files (logos) for the file-system storage; UPLOAD_DIR, default `./data/uploads`. */
	uploadDir: string;
	adminEmail: string;
	/** DEMO=1: seed clearly fictional sample data (directory actors); never in production. */
	demo: boolean;
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
		uploadDir: env.UPLOAD_DIR?.trim() || path.resolve(process.cwd(), 'data', 'uploads'),
		adminEmail: env.ADMIN_EMAIL?.trim() || 'admin@localhost',
		demo: env.DEMO === '1',
		smtpUrl: env.SMTP_URL?.trim() || undefined,
		mailFrom: env.MAIL_FROM?.trim() || 'Miteinander <noreply@localhost>'
	};
}
