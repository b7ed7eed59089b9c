import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const CONTACT_STATUSES = ['new', 'answered'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** Messages from the contact form. Everything here was typed by an anonymous visitor: escape it. */
export const contactMessages = pgTable('contact_messages', {
	id: serial('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull(),
	subject: text('subject').notNull(),
	message: text('message').notNull(),
	locale: text('locale').notNull(),
	/** Proof of consent to the privacy notice: when, and which version of the wording. */
	consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
	consentVersion: text('consent_version').notNull(),
	status: text('status').$type<ContactStatus>().notNull().default('new'),
	answeredAt: timestamp('answered_at', { withTimezone: true }),
	answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
