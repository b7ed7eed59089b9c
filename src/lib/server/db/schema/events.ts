import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	jsonb,
	numeric,
	pgTable,
	primaryKey,
	serial,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { EventQuestion, EventStatus, EventType, RegistrationStatus } from '../../../events/events.ts';
import { users } from './accounts.ts';
import { districts, organisations } from './directory.ts';

/**
 * An event or training. `organisationId` null means the association itself organises it (editors
 * manage those). German title and description are the source; `sourceRevision` counts their
 * substantive edits, `sequence` counts every change calendar apps must pick up (RFC 5545).
 */
export const events = pgTable(
	'events',
	{
		id: serial('id').primaryKey(),
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		type: text('type').$type<EventType>().notNull(),
		status: text('status').$type<EventStatus>().notNull().default('draft'),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		sourceRevision: integer('source_revision').notNull().default(1),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		online: boolean('online').notNull().default(false),
		onlineUrl: text('online_url').notNull().default(''),
		venue: text('venue').notNull().default(''),
		street: text('street').notNull().default(''),
		postalCode: text('postal_code').notNull().default(''),
		municipality: text('municipality').notNull().default(''),
		districtKey: text('district_key').references(() => districts.key),
		stepFree: boolean('step_free').notNull().default(false),
		accessibility: text('accessibility').notNull().default(''),
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		targetGroup: text('target_group').notNull().default(''),
		cost: text('cost').notNull().default(''),
		imageKey: text('image_key'),
		imageAlt: text('image_alt').notNull().default(''),
		/** Null: no registration limit. */
		capacity: integer('capacity'),
		registration: boolean('registration').notNull().default(true),
		registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
		registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
		requiresApproval: boolean('requires_approval').notNull().default(false),
		waitlist: boolean('waitlist').notNull().default(true),
		questions: jsonb('questions').$type<EventQuestion[]>().notNull().default([]),
		/** Hours of instruction shown on certificates (trainings). */
		hours: numeric('hours', { precision: 5, scale: 1 }),
		sequence: integer('sequence').notNull().default(0),
		cancelReason: text('cancel_reason').notNull().default(''),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewNote: text('review_note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('events_status_starts_idx').on(t.status, t.startsAt),
		index('events_organisation_idx').on(t.organisationId, t.startsAt)
	]
);

/** Title, description and image text per locale; German lives on the event itself. */
export const eventTranslations = pgTable(
	'event_translations',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		imageAlt: text('image_alt').notNull().default(''),
		sourceRevision: integer('source_revision').notNull(),
		reviewed: boolean('reviewed').notNull().default(false),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.eventId, t.locale] })]
);

/**
 * A registration. Only `confirmed` ones take a place; `waitlisted` ones are promoted in the order
 * they came (id). One active registration per address and event.
 */
export const eventRegistrations = pgTable(
	'event_registrations',
	{
		id: serial('id').primaryKey(),
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		email: text('email').notNull(),
		locale: text('locale').notNull(),
		/** Where the person registered: links in later mails (reminders, promotion) point there. */
		origin: text('origin').notNull().default(''),
		answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
		status: text('status').$type<RegistrationStatus>().notNull(),
		attended: boolean('attended'),
		/** The name in Latin letters for the certificate, where the name needs other scripts. */
		certificateName: text('certificate_name'),
		certificateCode: text('certificate_code').unique(),
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		promotedAt: timestamp('promoted_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('event_registrations_event_idx').on(t.eventId, t.status, t.id),
		uniqueIndex('event_registrations_active_email_idx')
			.on(t.eventId, sql`lower(${t.email})`)
			.where(sql`${t.status} in ('pending', 'confirmed', 'waitlisted') and ${t.email} <> ''`),
		index('event_registrations_user_idx').on(t.userId)
	]
);
