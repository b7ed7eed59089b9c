import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '#lib/server/db/client.ts';
import { jobs } from '#lib/server/db/schema/index.ts';
import {
	enqueueJob,
	listJobs,
	retryJob,
	runDueJobs,
	type JobHandler,
	type JobInfo
} from '#lib/server/jobs/jobs.service.ts';
import { startJobWorker } from '#lib/server/jobs/worker.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const SECOND = 1000;

/** A clock the tests move by hand; the queue reads it through the `now` option. */
function testClock() {
	let time = Date.now();
	return {
		now: () => new Date(time),
		advance: (ms: number) => void (time += ms)
	};
}

function recorder(fail?: (payload: Record<string, unknown>, job: JobInfo) => unknown) {
	const calls: { payload: Record<string, unknown>; job: JobInfo }[] = [];
	const handler: JobHandler = async (payload, job) => {
		calls.push({ payload, job });
		// Yield so that concurrent runners really interleave.
		await new Promise((resolve) => setTimeout(resolve, 5));
		const error = fail?.(payload, job);
		if (error) throw error;
	};
	return { calls, handler };
}

describe.each(DATABASE_KINDS)('jobs on %s', (kind) => {
	let database: Database;
	const db = () => database.db;
	const row = async (id: number) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]!;

	beforeAll(async () => {
		// The queue logs every failure; these tests fail jobs on purpose.
		process.env.LOG_LEVEL = 'silent';
		database = await openTestDatabase(kind);
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db().delete(jobs);
	});

	it('runs an enqueued job once and marks it done', async () => {
		const { calls, handler } = recorder();
		const id = await enqueueJob(db(), { kind: 'test.ok', payload: { n: 1 } });
		expect(id).toBeTypeOf('number');
		expect(await runDueJobs(db(), { 'test.ok': handler })).toEqual({ done: 1, retried: 0, failed: 0 });
		expect(calls).toEqual([{ payload: { n: 1 }, job: { id, attempts: 1, maxAttempts: 5 } }]);
		expect(await row(id!)).toMatchObject({ attempts: 1, lockedUntil: null, failedAt: null });
		expect((await row(id!)).doneAt).toBeInstanceOf(Date);
		expect(await runDueJobs(db(), { 'test.ok': handler })).toEqual({ done: 0, retried: 0, failed: 0 });
		expect(calls).toHaveLength(1);
	});

	it("enqueues inside the caller's transaction and disappears with its rollback", async () => {
		await expect(
			db().transaction(async (tx) => {
				await enqueueJob(tx, { kind: 'test.ok', dedupeKey: 'rolled-back' });
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await listJobs(db(), {})).toEqual([]);
		await db().transaction(async (tx) => {
			expect(await enqueueJob(tx, { kind: 'test.ok', dedupeKey: 'rolled-back' })).toBeTypeOf('number');
		});
		expect(await listJobs(db(), {})).toHaveLength(1);
	});

	it('enqueues a dedupe key only once and runs that job once', async () => {
		const { calls, handler } = recorder();
		const first = await enqueueJob(db(), { kind: 'test.ok', dedupeKey: 'once' });
		expect(first).toBeTypeOf('number');
		expect(await enqueueJob(db(), { kind: 'test.ok', dedupeKey: 'once' })).toBeNull();
		await runDueJobs(db(), { 'test.ok': handler });
		// Also after the job is done the key stays taken.
		expect(await enqueueJob(db(), { kind: 'test.ok', dedupeKey: 'once' })).toBeNull();
		await runDueJobs(db(), { 'test.ok': handler });
		expect(calls.map((c) => c.job.id)).toEqual([first]);
	});

	it('leaves a job alone until its run_at', async () => {
		const clock = testClock();
		const { calls, handler } = recorder();
		await enqueueJob(db(), { kind: 'test.ok', runAt: new Date(clock.now().getTime() + 60 * SECOND) });
		expect((await runDueJobs(db(), { 'test.ok': handler }, { now: clock.now })).done).toBe(0);
		clock.advance(60 * SECOND);
		expect((await runDueJobs(db(), { 'test.ok': handler }, { now: clock.now })).done).toBe(1);
		expect(calls).toHaveLength(1);
	});

	it('retries a failing job with backoff and fails it after maxAttempts', async () => {
		const clock = testClock();
		const { calls, handler } = recorder(() => new Error('boom'));
		const handlers = { 'test.fail': handler };
		const run = () => runDueJobs(db(), handlers, { now: clock.now });
		const id = (await enqueueJob(db(), { kind: 'test.fail', runAt: clock.now(), maxAttempts: 3 }))!;

		expect(await run()).toEqual({ done: 0, retried: 1, failed: 0 });
		expect(await row(id)).toMatchObject({
			attempts: 1,
			lastError: 'boom',
			lockedUntil: null,
			failedAt: null,
			runAt: new Date(clock.now().getTime() + 30 * SECOND)
		});
		expect(await run()).toEqual({ done: 0, retried: 0, failed: 0 });
		clock.advance(29 * SECOND);
		expect(await run()).toEqual({ done: 0, retried: 0, failed: 0 });

		clock.advance(1 * SECOND);
		expect(await run()).toEqual({ done: 0, retried: 1, failed: 0 });
		expect((await row(id)).runAt).toEqual(new Date(clock.now().getTime() + 60 * SECOND));

		clock.advance(60 * SECOND);
		expect(await run()).toEqual({ done: 0, retried: 0, failed: 1 });
		const failed = await row(id);
		expect(failed).toMatchObject({ attempts: 3, lastError: 'boom', failedAt: clock.now(), doneAt: null });

		clock.advance(24 * 3600 * SECOND);
		expect(await run()).toEqual({ done: 0, retried: 0, failed: 0 });
		expect(calls.map((c) => c.job.attempts)).toEqual([1, 2, 3]);
	});

	it('caps the backoff at one hour and keeps only 1000 characters of the error message', async () => {
		const clock = testClock();
		const { handler } = recorder(() => new Error('x'.repeat(5000)));
		const id = (await enqueueJob(db(), { kind: 'test.fail', runAt: clock.now(), maxAttempts: 20 }))!;
		for (let attempt = 1; attempt <= 9; attempt++) {
			await runDueJobs(db(), { 'test.fail': handler }, { now: clock.now });
			clock.advance(3600 * SECOND);
		}
		const retried = await row(id);
		expect(retried.attempts).toBe(9);
		// 30 s × 2^8 would be over two hours.
		expect(retried.runAt).toEqual(new Date(clock.now().getTime()));
		expect(retried.lastError).toBe('x'.repeat(1000));
	});

	it('fails a job of an unknown kind at once with a clear error', async () => {
		const id = (await enqueueJob(db(), { kind: 'test.unknown' }))!;
		expect(await runDueJobs(db(), { 'test.ok': recorder().handler })).toEqual({
			done: 0,
			retried: 0,
			failed: 1
		});
		const failed = await row(id);
		expect(failed.failedAt).toBeInstanceOf(Date);
		expect(failed.lastError).toBe('no handler for job kind "test.unknown"');
	});

	it('runs every job exactly once when two runners work at the same time', async () => {
		const { calls, handler } = recorder();
		const ids = [];
		for (let n = 0; n < 12; n++) ids.push(await enqueueJob(db(), { kind: 'test.ok', payload: { n } }));
		const results = await Promise.all([
			runDueJobs(db(), { 'test.ok': handler }),
			runDueJobs(db(), { 'test.ok': handler })
		]);
		expect(results[0].done + results[1].done).toBe(12);
		expect(calls.map((c) => c.job.id).sort((a, b) => a - b)).toEqual(ids);
		expect((await listJobs(db(), { state: 'done' })).length).toBe(12);
	});

	it('does not run a job another worker holds, but does once its lock has expired', async () => {
		const clock = testClock();
		const { calls, handler } = recorder();
		const id = (await enqueueJob(db(), { kind: 'test.ok', runAt: clock.now() }))!;
		// As if a worker had claimed the job and crashed.
		await db()
			.update(jobs)
			.set({ lockedUntil: new Date(clock.now().getTime() + 5 * 60 * SECOND), attempts: 1 })
			.where(eq(jobs.id, id));
		expect((await runDueJobs(db(), { 'test.ok': handler }, { now: clock.now })).done).toBe(0);
		clock.advance(5 * 60 * SECOND + 1);
		expect((await runDueJobs(db(), { 'test.ok': handler }, { now: clock.now })).done).toBe(1);
		expect(calls[0]?.job.attempts).toBe(2);
	});

	it('runs at most `limit` jobs per call', async () => {
		const { calls, handler } = recorder();
		for (let n = 0; n < 3; n++) await enqueueJob(db(), { kind: 'test.ok' });
		expect((await runDueJobs(db(), { 'test.ok': handler }, { limit: 2 })).done).toBe(2);
		expect((await runDueJobs(db(), { 'test.ok': handler }, { limit: 2 })).done).toBe(1);
		expect(calls).toHaveLength(3);
	});

	it('lists jobs by state and retries a failed job', async () => {
		let broken = true;
		const { calls, handler } = recorder(() => (broken ? new Error('down') : undefined));
		const failing = (await enqueueJob(db(), { kind: 'test.flaky', maxAttempts: 1 }))!;
		const pending = (await enqueueJob(db(), { kind: 'test.flaky', runAt: new Date(Date.now() + 3600e3) }))!;
		await runDueJobs(db(), { 'test.flaky': handler });
		expect((await listJobs(db(), { state: 'failed' })).map((j) => j.id)).toEqual([failing]);
		expect((await listJobs(db(), { state: 'pending' })).map((j) => j.id)).toEqual([pending]);
		expect((await listJobs(db(), {})).map((j) => j.id)).toEqual([pending, failing]);
		expect(await listJobs(db(), { state: 'done' })).toEqual([]);

		expect(await retryJob(db(), pending)).toBe(false);
		expect(await retryJob(db(), failing)).toBe(true);
		expect(await row(failing)).toMatchObject({ failedAt: null, attempts: 0, lockedUntil: null });
		broken = false;
		expect((await runDueJobs(db(), { 'test.flaky': handler })).done).toBe(1);
		expect((await listJobs(db(), { state: 'done' })).map((j) => j.id)).toEqual([failing]);
		expect(calls).toHaveLength(2);
	});

	it('runs a worker pass on kick and waits for it on stop', async () => {
		const { calls, handler } = recorder();
		const worker = startJobWorker(db(), { 'test.ok': handler }, { intervalMs: 60_000 });
		try {
			await enqueueJob(db(), { kind: 'test.ok' });
			worker.kick();
			await expect.poll(() => calls.length, { timeout: 5000 }).toBe(1);
			await expect.poll(async () => (await listJobs(db(), { state: 'done' })).length).toBe(1);
			await enqueueJob(db(), { kind: 'test.ok' });
			worker.kick();
		} finally {
			await worker.stop();
		}
		// stop() let the running pass finish; nothing runs after it.
		const afterStop = calls.length;
		await enqueueJob(db(), { kind: 'test.ok' });
		worker.kick();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(calls.length).toBe(afterStop);
	});
});
