import type { Db } from '#lib/server/db/client.ts';
import { errorFields, log } from '#lib/server/log.ts';
import { DEFAULT_RUN_LIMIT, runDueJobs, type JobHandlers } from './jobs.service.ts';

export interface JobWorker {
	/** Runs a pass soon, e.g. right after enqueueing, instead of waiting for the next poll. */
	kick(): void;
	/** Stops polling and waits for a running pass to finish. */
	stop(): Promise<void>;
}

/**
 * Polls for due jobs. Passes never overlap within one process; a kick during a pass schedules
 * another pass right after it, so a job enqueued meanwhile is not left for the next poll.
 */
export function startJobWorker(
	db: Db,
	handlers: JobHandlers,
	options: { intervalMs?: number } = {}
): JobWorker {
	let running: Promise<void> | undefined;
	let again = false;
	let stopped = false;
	let kickTimer: ReturnType<typeof setTimeout> | undefined;

	const passes = async () => {
		do {
			again = false;
			try {
				const result = await runDueJobs(db, handlers);
				// A full pass means more jobs may be due: continue instead of waiting for the poll.
				again ||= result.done + result.retried + result.failed >= DEFAULT_RUN_LIMIT;
			} catch (error) {
				log.error('job worker pass failed', errorFields(error));
			}
		} while (again && !stopped);
	};

	const pass = () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = passes().finally(() => (running = undefined));
	};

	// Timers are unref()ed: a pending poll must not keep a finished process (a script, a test) alive.
	const interval = setInterval(pass, options.intervalMs ?? 2000);
	interval.unref();

	const kick = () => {
		if (stopped || kickTimer) return;
		kickTimer = setTimeout(() => {
			kickTimer = undefined;
			pass();
		}, 0);
		kickTimer.unref();
	};
	// Jobs left due from before a restart run right away.
	kick();

	return {
		kick,
		async stop() {
			stopped = true;
			clearInterval(interval);
			clearTimeout(kickTimer);
			kickTimer = undefined;
			await running;
		}
	};
}
