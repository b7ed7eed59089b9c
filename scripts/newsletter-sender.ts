// The newsletter sender as a process of its own, for scripts/bench-newsletter.ts: recovers what a
// killed predecessor left claimed, then sends batch after batch of the issue until none is left.
// The same functions the app's job runs (src/lib/server/newsletter/sender.ts).
import { openDatabase } from '#lib/server/db/client.ts';
import { createMailTransport } from '#lib/server/mail/transport.ts';
import { recoverInterrupted, sendBatch } from '#lib/server/newsletter/sender.ts';

const issueId = Number(process.env.ISSUE_ID);
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '' });
const transport = createMailTransport(process.env.SMTP_URL);
// The benchmark kills the previous sender with SIGKILL before starting this one: its claims are stale.
const recovered = await recoverInterrupted(database.db, issueId, new Date());
process.stdout.write(`${JSON.stringify({ recovered })}\n`);
let result;
do result = await sendBatch(database.db, { transport, from: 'Bench <bench@example.org>' }, issueId, 100);
while (result.remaining > 0);
transport?.close();
await database.close();
