import type { Db } from '#lib/server/db/client.ts';
import { SESSION_IDLE_MS } from '#lib/server/auth/session.service.ts';
import * as queries from './maintenance.queries.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import { forgetOldRegistrations, scheduleEventReminders } from '#lib/server/events/jobs.ts';
import { forgetStaleSubscribers } from '#lib/server/newsletter/subscription.service.ts';

const DAY = 24 * 60 * 60 * 1000;
/** How long personal data that only serves security or delivery is kept (see the privacy notice). */
export const RETENTION = {
	auditIpDays: 30,
	mailDays: 90,
	contactMessageDays: 365,
	tokensDays: 1,
	rateLimitDays: 1,
	/** Rejected proposals (unpublished profiles) and decided requests with their messages. */
	directoryRequestDays: 180,
	/** Invitations after they expired or were accepted. */
	invitationDays: 30
} as const;

/**
 * Deletes what no longer serves its purpose: ended sessions, old single-use tokens, rate-limit
 * counters, IP addresses in the audit log after 30 days, delivered mails after 90 days, contact
 * messages after a year, rejected directory proposals and decided requests after 180 days, used or
 * expired team invitations after 30 days, event registrations a year after the event. Also
 * schedules the hourly run of event reminders. Unconfirmed newsletter sign-ups go after 7 days,
 * unsubscribed addresses after 30.
 */
export async function runMaintenance(db: Db, now = new Date()) {
	const ago = (days: number) => new Date(now.getTime() - days * DAY);
	await queries.deleteExpiredSessions(db, now, new Date(now.getTime() - SESSION_IDLE_MS));
	await queries.deleteOldEmailTokens(db, ago(RETENTION.tokensDays));
	await queries.deleteOldRateLimits(db, ago(RETENTION.rateLimitDays));
	await queries.forgetAuditIps(db, ago(RETENTION.auditIpDays));
	await queries.deleteOldDeliveredMails(db, ago(RETENTION.mailDays));
	await queries.deleteOldContactMessages(db, ago(RETENTION.contactMessageDays));
	await queries.deleteOldDirectoryRequests(db, ago(RETENTION.directoryRequestDays));
	await queries.deleteOldInvitations(db, ago(RETENTION.invitationDays));
	const settings = await findSettings(db);
	await queries.anonymiseEndedMemberships(db, now, settings?.membershipRetentionYears ?? 10);
	await forgetOldRegistrations(db, now);
	await forgetStaleSubscribers(db, now);
	await scheduleEventReminders(db, now);
}
