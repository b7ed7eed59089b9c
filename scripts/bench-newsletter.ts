// npm run bench (third part): a newsletter issue to 10,000 subscribers through a local SMTP server
// (smtp-server in this process), on a PostgreSQL server. The sender runs as a child process and is
// killed with SIGKILL midway, then started again: the script proves that nobody got the issue twice
// and reports the time. Budget (issue #7): under 60 s. Exits 1 when missed or on a duplicate.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '#lib/server/db/client.ts';
import { newsletterIssues } from '#lib/server/db/schema/index.ts';
import { createDeliveries, deliveryCounts, startIssue } from '#lib/server/newsletter/newsletter.queries.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { startPostgres } from '../tests/support/pg-server.mjs';

const COUNT = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
// Not at a batch boundary (batches of 100): the sender dies in the middle of a batch.
const KILL_AFTER = Math.floor(COUNT * 0.4) + 37;
const BUDGET_S = 60;
const ISSUE_HEADER = 'x-miteinander-newsletter';

const received = new Map<string, number>();
let total = 0;
const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, session, callback) {
		let head = '';
		stream.on('data', (chunk: Buffer) => {
			if (head.length < 8192) head += chunk.toString('utf8');
		});
		stream.on('end', () => {
			if (head.toLowerCase().includes(`${ISSUE_HEADER}:`)) {
				const to = session.envelope.rcptTo[0]!.address;
				received.set(to, (received.get(to) ?? 0) + 1);
				total++;
			}
			callback();
		});
	}
});
// The killed sender's connection ends with a reset: expected here, not a failure of the server.
smtp.on('error', () => {});
const smtpPort = await new Promise<number>((resolve) =>
	smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port))
);

const pg = await startPostgres();
const database = await openDatabase({ url: pg.url, dataDir: '' });
let failed = false;
try {
	await seedDatabase(database.db, 'content');
	await database.db.execute(sql`
		insert into newsletter_subscribers (email, locale, topics, status, consent_version, consent_text, confirmed_at)
		select 'reader' || n || '@bench.example', (array['de','ru','ar','uk','vi'])[1 + n % 5], '{association}',
			'confirmed', 'newsletter-consent@1', 'bench', now()
		from generate_series(1, ${COUNT}) n`);
	const [issue] = await database.db
		.insert(newsletterIssues)
		.values({
			texts: {
				de: { subject: 'Rundbrief', body: 'Liebe Leserinnen und Leser,\n\nhier ist unser **Rundbrief**.' },
				ru: { subject: 'Рассылка', body: 'Дорогие читатели,\n\nвот наша **рассылка**.' },
				ar: { subject: 'النشرة', body: 'أعزاءنا القراء،\n\nهذه **نشرتنا**.' }
			},
			topics: [],
			ratePerMinute: 1_000_000,
			origin: 'https://miteinander.example'
		})
		.returning();
	await startIssue(database.db, issue!.id, new Date());
	await createDeliveries(database.db, issue!.id, []);

	const env = {
		...process.env,
		DATABASE_URL: pg.url,
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}?pool=true&maxConnections=1&maxMessages=100000`,
		ISSUE_ID: String(issue!.id),
		LOG_LEVEL: 'silent'
	};
	const sender = () =>
		spawn(process.execPath, ['scripts/newsletter-sender.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
	const exited = (child: ChildProcess) =>
		new Promise<number | null>((resolve) => child.once('exit', resolve));

	const start = performance.now();
	const first = sender();
	const killed = new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			if (total >= KILL_AFTER) {
				first.kill('SIGKILL');
				clearInterval(timer);
				resolve();
			}
		}, 5);
	});
	await Promise.race([killed, exited(first)]);
	await exited(first);
	const atKill = total;
	const second = sender();
	let recovery = '';
	second.stdout!.on('data', (chunk: Buffer) => (recovery += chunk.toString()));
	const code = await exited(second);
	const seconds = (performance.now() - start) / 1000;
	await new Promise((resolve) => setTimeout(resolve, 200));

	const counts = await deliveryCounts(database.db, issue!.id);
	const duplicates = [...received.values()].filter((n) => n > 1).length;
	const missing = COUNT - received.size;
	const rows = [
		['subscribers', String(COUNT)],
		['killed after (mails received)', String(atKill)],
		['recovery of the second sender', recovery.trim()],
		['mails received', String(total)],
		['distinct recipients', String(received.size)],
		['duplicates', String(duplicates)],
		['not received', `${missing} (deliveries marked failed as "maybe sent": ${counts.failed})`],
		[
			'deliveries sent / failed / left',
			`${counts.sent} / ${counts.failed} / ${counts.queued + counts.claimed}`
		],
		[
			'time, both senders',
			`${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)} mails/s), budget < ${BUDGET_S} s`
		]
	];
	for (const [name = '', value = ''] of rows) console.log(`${name.padEnd(34)} ${value}`);
	if (code !== 0) failed = (console.error('the second sender failed'), true);
	if (duplicates > 0) failed = (console.error('DUPLICATES: someone got the issue twice'), true);
	if (counts.queued + counts.claimed > 0) failed = (console.error('deliveries left over'), true);
	if (missing > counts.failed) failed = (console.error('mails lost beyond the uncertain one'), true);
	if (seconds >= BUDGET_S) failed = (console.error(`budget missed: ${seconds.toFixed(1)} s`), true);
} finally {
	await database.close();
	await pg.stop();
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
}
process.exit(failed ? 1 : 0);
