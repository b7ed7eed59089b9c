import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import { log } from '#lib/server/log.ts';
import * as queries from './jobs.queries.ts';
import type { JobRow, JobState } from './jobs.queries.ts';

export type { JobRow, JobState };

/** What a handler learns about the job it runs; `attempts` already counts the current run. */
export interface JobInfo {
	id: number;
	attempts: number;
	maxAttempts: number;
}

export type JobHandler = (payload: Record<string, unknown>, job: JobInfo) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface NewJob {
	kind: string;
	payload?: Record<string, unknown>;
	/** A second job with the same key is not enqueued (idempotent enqueueing). */
	dedupeKey?: string;
	runAt?: Date;
	maxAttempts?: number;
}

export interface RunResult {
	done: number;
	retried: number;
	failed: number;
}

/** Longer than any handler should take; a crashed worker's jobs become due again after it. */
const LOCK_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 1000;
export const DEFAULT_RUN_LIMIT = 20;

/** Inserts a job; returns null when the dedupe key exists. Pass a transaction to enqueue atomically. */
export async function enqueueJob(db: DbOrTx, job: NewJob): Promise<number | null> {
	return queries.insertJob(db, {
		kind: job.kind,
		payload: job.payload ?? {},
		dedupeKey: job.dedupeKey ?? null,
		// The app's clock, not the database's now(): that has microseconds, and a job enqueued in the
		// same millisecond as a worker's `new Date()` would otherwise not be due yet.
		runAt: job.runAt ?? new Date(),
		maxAttempts: job.maxAttempts
	});
}

/** 30 s, 1 min, 2 min, … capped at one hour; `attempts` counts the run that just failed. */
export function backoffMs(attempts: number): number {
	return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** The error's message only (stacks may be long and say nothing to an admin), at most 1000 chars. */
export function errorMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Runs due jobs one at a time, each claimed right before it runs, so that a job's lock starts
 * with its own run and not with the first job of a long batch.
 */
export async function runDueJobs(
	db: Db,
	handlers: JobHandlers,
	options: { limit?: number; now?: () => Date } = {}
): Promise<RunResult> {
	const limit = options.limit ?? DEFAULT_RUN_LIMIT;
	const now = options.now ?? (() => new Date());
	const result: RunResult = { done: 0, retried: 0, failed: 0 };
	for (let run = 0; run < limit; run++) {
		const start = now();
		const [job] = await queries.claimDueJobs(db, start, new Date(start.getTime() + LOCK_MS), 1);
		if (!job) break;
		result[await runJob(db, handlers, job, now)]++;
	}
	return result;
}

async function runJob(db: Db, handlers: JobHandlers, job: JobRow, now: () => Date): Promise<keyof RunResult> {
	const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
	if (!handler) {
		await queries.markJobFailed(db, job.id, `no handler for job kind "${job.kind}"`, now());
		log.error('job has no handler', { jobId: job.id, kind: job.kind });
		return 'failed';
	}
	try {
		await handler(job.payload, { id: job.id, attempts: job.attempts, maxAttempts: job.maxAttempts });
	} catch (error) {
		return recordFailure(db, job, errorMessage(error), now());
	}
	await queries.markJobDone(db, job.id, now());
	return 'done';
}

async function recordFailure(db: Db, job: JobRow, message: string, at: Date): Promise<keyof RunResult> {
	// The message stays in last_error only: it may name a recipient, which the logs must not.
	const fields = { jobId: job.id, kind: job.kind, attempts: job.attempts };
	if (job.attempts >= job.maxAttempts) {
		await queries.markJobFailed(db, job.id, message, at);
		log.error('job failed for good', fields);
		return 'failed';
	}
	await queries.markJobRetry(db, job.id, message, new Date(at.getTime() + backoffMs(job.attempts)));
	log.warn('job failed, will retry', fields);
	return 'retried';
}

/** For the admin view; the calling service checks access. Newest first. */
export async function listJobs(
	db: DbOrTx,
	filter: { state?: JobState; limit?: number } = {}
): Promise<JobRow[]> {
	const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
	return queries.selectJobs(db, filter.state, limit);
}

/** Gives a failed job a fresh set of attempts, due now. False when the job is not failed. */
export async function retryJob(db: DbOrTx, id: number): Promise<boolean> {
	return queries.resetFailedJob(db, id, new Date());
}
