/**
 * Structured JSON logs, one object per line on stdout/stderr. Never log secrets, passwords,
 * tokens, IP addresses or query strings (see the privacy notice).
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const quiet = () => process.env.LOG_LEVEL === 'silent';

function write(level: Level, msg: string, fields: Fields = {}) {
	if (quiet()) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
	if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
	else process.stdout.write(line + '\n');
}

export const log = {
	debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
	info: (msg: string, fields?: Fields) => write('info', msg, fields),
	warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
	error: (msg: string, fields?: Fields) => write('error', msg, fields)
};

export function errorFields(error: unknown): Fields {
	if (error instanceof Error) return { error: error.message, stack: error.stack };
	return { error: String(error) };
}
