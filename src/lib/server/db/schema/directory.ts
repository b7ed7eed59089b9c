import { sql } from 'drizzle-orm';
import {
	boolean,
	customType,
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
import type { FieldVisibility, OrganisationKind } from '../../../directory/directory.ts';
import { users } from './accounts.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Saxony's 13 districts with their official keys (seeded by the migration). */
export const districts = pgTable('districts', {
	key: text('key').primaryKey(),
	name: text('name').notNull()
});

export const ORGANISATION_STATUSES = ['pending', 'published', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/**
 * Any actor of the directory. Fields whose visibility the organisation chooses are listed in
 * `visibility`; everything else is public once the profile is published. `searchVector` and
 * `searchText` are maintained by the service on every write (see directory.queries.ts).
 */
export const organisations = pgTable(
	'organisations',
	{
		id: serial('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		kind: text('kind').$type<OrganisationKind>().notNull(),
		legalForm: text('legal_form'),
		registerCourt: text('register_court'),
		registerNumber: text('register_number'),
		districtKey: text('district_key')
			.notNull()
			.references(() => districts.key),
		municipality: text('municipality').notNull().default(''),
		postalCode: text('postal_code').notNull().default(''),
		street: text('street').notNull().default(''),
		phone: text('phone').notNull().default(''),
		email: text('email').notNull().default(''),
		website: text('website').notNull().default(''),
		contactPerson: text('contact_person').notNull().default(''),
		foundingYear: integer('founding_year'),
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		communities: text('communities')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		fields: text('fields')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** Member of the association (set by the board until the membership register exists). */
		isMember: boolean('is_member').notNull().default(false),
		/** Its events are published without an editor's review. */
		eventsTrusted: boolean('events_trusted').notNull().default(false),
		logoKey: text('logo_key'),
		visibility: jsonb('visibility').$type<FieldVisibility>().notNull(),
		status: text('status').$type<OrganisationStatus>().notNull().default('pending'),
		/** Counts substantive edits of the German description; translations record the one they follow. */
		sourceRevision: integer('source_revision').notNull().default(1),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		searchVector: tsvector('search_vector'),
		searchText: text('search_text').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('organisations_search_vector_idx').using('gin', t.searchVector),
		index('organisations_search_text_idx').using('gin', t.searchText.op('gin_trgm_ops')),
		index('organisations_status_district_idx').on(t.status, t.districtKey),
		index('organisations_name_idx').on(t.status, t.name)
	]
);

/**
 * Every word of the directory's names, places and communities (unaccented, lower case): the
 * vocabulary that typo tolerance corrects against (pg_trgm's "text search integration" pattern).
 */
export const directoryWords = pgTable('directory_words', { word: text('word').primaryKey() }, (t) => [
	index('directory_words_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))
]);

/** The description per locale; German is the source. */
export const organisationDescriptions = pgTable(
	'organisation_descriptions',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		body: text('body').notNull(),
		sourceRevision: integer('source_revision').notNull(),
		reviewed: boolean('reviewed').notNull().default(false),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.locale] })]
);

export const ORGANISATION_ROLES = ['org_admin', 'org_member'] as const;

export const organisationRoles = pgTable(
	'organisation_roles',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role').$type<(typeof ORGANISATION_ROLES)[number]>().notNull(),
		grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.userId] }),
		index('organisation_roles_user_idx').on(t.userId)
	]
);

/** Invitations to join an organisation's team; the token is stored as SHA-256 only. */
export const organisationInvitations = pgTable('organisation_invitations', {
	id: text('id').primaryKey(),
	organisationId: integer('organisation_id')
		.notNull()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	email: text('email').notNull(),
	role: text('role').$type<(typeof ORGANISATION_ROLES)[number]>().notNull(),
	invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	acceptedAt: timestamp('accepted_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const REQUEST_KINDS = ['proposal', 'claim'] as const;
export const REQUEST_STATUSES = ['open', 'approved', 'rejected'] as const;

/**
 * What editors review: a proposed new actor (the pending organisation) or a claim to represent an
 * existing profile. A proposal may include a claim (`wantsAdmin`): the proposer represents it.
 */
export const organisationRequests = pgTable(
	'organisation_requests',
	{
		id: serial('id').primaryKey(),
		kind: text('kind').$type<(typeof REQUEST_KINDS)[number]>().notNull(),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		wantsAdmin: boolean('wants_admin').notNull().default(false),
		message: text('message').notNull().default(''),
		status: text('status').$type<(typeof REQUEST_STATUSES)[number]>().notNull().default('open'),
		decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		decisionNote: text('decision_note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('organisation_requests_status_idx').on(t.status, t.createdAt),
		uniqueIndex('organisation_requests_open_claim_idx')
			.on(t.organisationId, t.userId)
			.where(sql`${t.status} = 'open' and ${t.kind} = 'claim'`)
	]
);
