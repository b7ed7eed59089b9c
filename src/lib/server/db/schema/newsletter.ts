import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/**
 * A newsletter subscription with its consent proof: when and from which address it was asked for,
 * the consent text's version and wording, when it was confirmed (double opt-in).
 */
export const newsletterSubscribers = pgTable(
	'newsletter_subscribers',
	{
		id: serial('id').primaryKey(),
		email: text('email').notNull().unique(),
		locale: text('locale').notNull(),
		topics: text('topics')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		status: text('status').$type<SubscriberStatus>().notNull().default('pending'),
		signupAt: timestamp('signup_at', { withTimezone: true }).notNull().defaultNow(),
		signupIp: text('signup_ip'),
		consentVersion: text('consent_version').notNull(),
		consentText: text('consent_text').notNull(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true })
	},
	(t) => [index('newsletter_subscribers_status_idx').on(t.status)]
);

export const ISSUE_STATUSES = ['draft', 'sending', 'sent'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export interface IssueText {
	subject: string;
	/** Markdown, rendered and sanitized like pages. */
	body: string;
}

/** A newsletter issue: a text per language (German required), selected news, the topics it is for. */
export const newsletterIssues = pgTable('newsletter_issues', {
	id: serial('id').primaryKey(),
	texts: jsonb('texts').$type<Record<string, IssueText>>().notNull(),
	newsPageIds: integer('news_page_ids')
		.array()
		.notNull()
		.default(sql`'{}'::int[]`),
	/** Empty: for every subscriber. */
	topics: text('topics')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	status: text('status').$type<IssueStatus>().notNull().default('draft'),
	ratePerMinute: integer('rate_per_minute').notNull().default(600),
	/** The site's address when sending started: links in the mails point there. */
	origin: text('origin').notNull().default(''),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	startedAt: timestamp('started_at', { withTimezone: true }),
	finishedAt: timestamp('finished_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const DELIVERY_STATUSES = ['queued', 'claimed', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One issue to one subscriber. Created all at once when sending starts; a batch is `claimed`,
 * sent in id order and each row marked `sent` right after its mail left. After a crash the first
 * claimed row of a batch may or may not have gone out: it is marked failed, never sent again.
 */
export const newsletterDeliveries = pgTable(
	'newsletter_deliveries',
	{
		issueId: integer('issue_id')
			.notNull()
			.references(() => newsletterIssues.id, { onDelete: 'cascade' }),
		subscriberId: integer('subscriber_id')
			.notNull()
			.references(() => newsletterSubscribers.id, { onDelete: 'cascade' }),
		id: serial('id').notNull(),
		status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
		claimedAt: timestamp('claimed_at', { withTimezone: true }),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		error: text('error')
	},
	(t) => [
		primaryKey({ columns: [t.issueId, t.subscriberId] }),
		index('newsletter_deliveries_issue_status_idx').on(t.issueId, t.status, t.id)
	]
);
