import { sql } from 'drizzle-orm';
import {
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	serial,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './directory.ts';

export const MEMBERSHIP_FORMS = ['ordinary', 'supporting', 'honorary'] as const;
export type MembershipForm = (typeof MEMBERSHIP_FORMS)[number];
export const APPLICATION_STATUSES = ['submitted', 'question', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * An application for ordinary or supporting membership (honorary members are nominated, never
 * apply). Everything the applicant typed is in `data` (validated by the schema of its form) and is
 * untrusted: it is only ever shown as text. The private status link carries an HMAC of the id
 * (membership/status-link.ts), so every mail can carry it again without storing it.
 */
export const membershipApplications = pgTable(
	'membership_applications',
	{
		id: serial('id').primaryKey(),
		form: text('form').$type<Exclude<MembershipForm, 'honorary'>>().notNull(),
		/** 'organisation' for ordinary members and supporting organisations, 'person' otherwise. */
		applicantKind: text('applicant_kind').$type<'organisation' | 'person'>().notNull(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		locale: text('locale').notNull(),
		districtKey: text('district_key'),
		data: jsonb('data').$type<Record<string, unknown>>().notNull(),
		statutesKey: text('statutes_key'),
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		status: text('status').$type<ApplicationStatus>().notNull().default('submitted'),
		/** Proof of the acknowledgements and consent: when, and which wording (page revision). */
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
		privacyVersion: text('privacy_version').notNull(),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		resolutionRef: text('resolution_ref'),
		rejectionReason: text('rejection_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('membership_applications_status_idx').on(t.status, t.createdAt)]
);

/** One board member's approval; the decision needs a configurable number from different people. */
export const applicationApprovals = pgTable(
	'application_approvals',
	{
		applicationId: integer('application_id')
			.notNull()
			.references(() => membershipApplications.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.applicationId, t.userId] })]
);

/** Questions from the board and the applicant's answers. */
export const applicationMessages = pgTable('application_messages', {
	id: serial('id').primaryKey(),
	applicationId: integer('application_id')
		.notNull()
		.references(() => membershipApplications.id, { onDelete: 'cascade' }),
	author: text('author').$type<'board' | 'applicant'>().notNull(),
	userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
	body: text('body').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** The member register. */
export const memberships = pgTable(
	'memberships',
	{
		id: serial('id').primaryKey(),
		number: text('number').notNull().unique(),
		/** Year and running number the membership number was made from. */
		year: integer('year').notNull(),
		sequence: integer('sequence').notNull(),
		form: text('form').$type<MembershipForm>().notNull(),
		status: text('status').$type<MembershipStatus>().notNull().default('active'),
		name: text('name').notNull(),
		email: text('email'),
		phone: text('phone'),
		/** The language mails to this member are written in (from the application; German otherwise). */
		locale: text('locale').notNull().default('de'),
		street: text('street'),
		postalCode: text('postal_code'),
		city: text('city'),
		paymentMethod: text('payment_method').$type<'transfer' | 'direct_debit'>().notNull().default('transfer'),
		/** Set when the personal data was anonymised after the retention period. */
		anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		applicationId: integer('application_id').references(() => membershipApplications.id, {
			onDelete: 'set null'
		}),
		startedOn: date('started_on').notNull(),
		endedOn: date('ended_on'),
		endReason: text('end_reason'),
		/** The board's decision (date and optional resolution reference); for honorary members the justification. */
		decidedOn: date('decided_on').notNull(),
		resolutionRef: text('resolution_ref'),
		justification: text('justification'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('memberships_year_sequence_idx').on(t.year, t.sequence),
		index('memberships_status_idx').on(t.status, t.form),
		uniqueIndex('memberships_active_organisation_idx')
			.on(t.organisationId)
			.where(sql`${t.status} <> 'ended' and ${t.organisationId} is not null`)
	]
);

/** Everything that happened to a membership, with who and when. */
export const membershipEvents = pgTable('membership_events', {
	id: serial('id').primaryKey(),
	membershipId: integer('membership_id')
		.notNull()
		.references(() => memberships.id, { onDelete: 'cascade' }),
	kind: text('kind')
		.$type<'applied' | 'approved' | 'nominated' | 'suspended' | 'resumed' | 'ended'>()
		.notNull(),
	actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
	note: text('note').notNull().default(''),
	at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
});

/** The yearly fee per form of membership (honorary members pay none). */
export const feeSchedules = pgTable(
	'fee_schedules',
	{
		year: integer('year').notNull(),
		form: text('form').$type<Exclude<MembershipForm, 'honorary'>>().notNull(),
		amountCents: integer('amount_cents').notNull()
	},
	(t) => [primaryKey({ columns: [t.year, t.form] })]
);

export const DUES_STATUSES = ['open', 'paid', 'waived'] as const;

/** One member's dues for one year. */
export const dues = pgTable(
	'dues',
	{
		id: serial('id').primaryKey(),
		membershipId: integer('membership_id')
			.notNull()
			.references(() => memberships.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		amountCents: integer('amount_cents').notNull(),
		dueOn: date('due_on').notNull(),
		status: text('status').$type<(typeof DUES_STATUSES)[number]>().notNull().default('open'),
		paidOn: date('paid_on'),
		method: text('method').$type<'transfer' | 'direct_debit' | 'cash'>(),
		/** When the dues notice was mailed (once). */
		notifiedAt: timestamp('notified_at', { withTimezone: true }),
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		/** The direct-debit file this was collected with, if any. */
		collectionId: text('collection_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('dues_membership_year_idx').on(t.membershipId, t.year),
		index('dues_status_idx').on(t.status, t.dueOn)
	]
);

/** A SEPA direct-debit mandate signed by a member. */
export const sepaMandates = pgTable('sepa_mandates', {
	id: serial('id').primaryKey(),
	membershipId: integer('membership_id')
		.notNull()
		.references(() => memberships.id, { onDelete: 'cascade' }),
	reference: text('reference').notNull().unique(),
	accountHolder: text('account_holder').notNull(),
	iban: text('iban').notNull(),
	bic: text('bic'),
	signedOn: date('signed_on').notNull(),
	/** First collection done: later ones are RCUR, the first FRST. */
	usedAt: timestamp('used_at', { withTimezone: true }),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A confirmed CSV import, run by the job queue in batches so the board can watch its progress. */
export const membershipImports = pgTable('membership_imports', {
	id: serial('id').primaryKey(),
	fileKey: text('file_key').notNull(),
	total: integer('total').notNull(),
	done: integer('done').notNull().default(0),
	status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
	error: text('error'),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	finishedAt: timestamp('finished_at', { withTimezone: true })
});
