import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A PostgreSQL-backed job queue (works on PGlite and PostgreSQL): workers claim due jobs with
 * `FOR UPDATE SKIP LOCKED`, retry with backoff, and `dedupeKey` makes enqueueing idempotent.
 */
export const jobs = pgTable(
	'jobs',
	{
		id: serial('id').primaryKey(),
		kind: text('kind').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		dedupeKey: text('dedupe_key').unique(),
		runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		lastError: text('last_error'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		failedAt: timestamp('failed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('jobs_due_idx').on(t.runAt)]
);

export interface MailAttachment {
	filename: string;
	contentType: string;
	content: string;
}

export const OUTBOX_STATUSES = ['queued', 'sent', 'stored', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every mail the platform writes. With SMTP_URL it is sent and marked `sent`; without (the
 * embedded default) it is `stored` here and admins read it in the admin area.
 */
export const outbox = pgTable('outbox', {
	id: serial('id').primaryKey(),
	to: text('to').notNull(),
	locale: text('locale').notNull(),
	purpose: text('purpose').notNull(),
	subject: text('subject').notNull(),
	text: text('text').notNull(),
	html: text('html').notNull(),
	/** Small text attachments (an event's .ics); larger files are linked, never attached. */
	attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
	status: text('status').$type<OutboxStatus>().notNull().default('queued'),
	error: text('error'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	sentAt: timestamp('sent_at', { withTimezone: true })
});
