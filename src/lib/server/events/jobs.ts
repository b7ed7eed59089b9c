import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { eventRegistrations, events } from '#lib/server/db/schema/index.ts';
import { enqueueJob, type JobHandlers } from '#lib/server/jobs/jobs.service.ts';
import { sendEventReminders } from './registration.service.ts';

export const EVENT_REMINDERS_JOB = 'events.reminders';
/** Registrations are kept a year after the event; certificate holders keep name and code only. */
export const REGISTRATION_RETENTION_DAYS = 365;

export function eventJobHandlers(db: Db): JobHandlers {
	return { [EVENT_REMINDERS_JOB]: async () => void (await sendEventReminders(db)) };
}

/** Called every hour by maintenance; one reminder run per hour at most (dedupe key). */
export async function scheduleEventReminders(db: Db, now = new Date()) {
	await enqueueJob(db, {
		kind: EVENT_REMINDERS_JOB,
		dedupeKey: `${EVENT_REMINDERS_JOB}:${now.toISOString().slice(0, 13)}`
	});
}

/**
 * Forgets registrations a year after their event: deleted, except that attended trainings keep
 * the name and the certificate code (so certificates stay verifiable) without address or answers.
 */
export async function forgetOldRegistrations(db: Db, now = new Date()) {
	const before = new Date(now.getTime() - REGISTRATION_RETENTION_DAYS * 86_400_000);
	const old = db.select({ id: events.id }).from(events).where(lt(events.endsAt, before));
	await db
		.delete(eventRegistrations)
		.where(and(inArray(eventRegistrations.eventId, old), isNull(eventRegistrations.certificateCode)));
	await db
		.update(eventRegistrations)
		.set({ email: '', answers: {}, userId: null, origin: '' })
		.where(
			and(
				inArray(eventRegistrations.eventId, old),
				isNotNull(eventRegistrations.certificateCode),
				eq(eventRegistrations.attended, true)
			)
		);
}
