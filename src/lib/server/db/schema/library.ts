import { sql } from 'drizzle-orm';
import {
	customType,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	serial,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { districts, organisations } from './directory.ts';
import { memberships } from './membership.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const ACCESS_LEVELS = ['public', 'members', 'board'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const documentFolders = pgTable('document_folders', {
	id: serial('id').primaryKey(),
	name: text('name').notNull(),
	position: integer('position').notNull().default(0)
});

/** A document of the library; its file is the newest version. */
export const documents = pgTable(
	'documents',
	{
		id: serial('id').primaryKey(),
		folderId: integer('folder_id').references(() => documentFolders.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		tags: text('tags')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		language: text('language').notNull().default('de'),
		access: text('access').$type<AccessLevel>().notNull().default('members'),
		searchVector: tsvector('search_vector'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('documents_search_idx').using('gin', t.searchVector)]
);

export const documentVersions = pgTable(
	'document_versions',
	{
		id: serial('id').primaryKey(),
		documentId: integer('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		fileKey: text('file_key').notNull(),
		fileName: text('file_name').notNull(),
		contentType: text('content_type').notNull(),
		size: integer('size').notNull(),
		note: text('note').notNull().default(''),
		uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('document_versions_document_idx').on(t.documentId, t.id)]
);

export interface CircularAttachment {
	key: string;
	name: string;
	contentType: string;
	size: number;
}

/** A circular to members: German text, translations, who it is for, attachments. */
export const circulars = pgTable('circulars', {
	id: serial('id').primaryKey(),
	title: text('title').notNull(),
	body: text('body').notNull(),
	translations: jsonb('translations')
		.$type<Record<string, { title: string; body: string }>>()
		.notNull()
		.default({}),
	/** Empty lists: every active member. */
	forms: text('forms')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	districtKeys: text('district_keys')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	attachments: jsonb('attachments').$type<CircularAttachment[]>().notNull().default([]),
	sentBy: integer('sent_by').references(() => users.id, { onDelete: 'set null' }),
	sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
});

/** Each member a circular went to; `readAt` when someone of that member opened it. */
export const circularRecipients = pgTable(
	'circular_recipients',
	{
		circularId: integer('circular_id')
			.notNull()
			.references(() => circulars.id, { onDelete: 'cascade' }),
		membershipId: integer('membership_id')
			.notNull()
			.references(() => memberships.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		readAt: timestamp('read_at', { withTimezone: true }),
		readBy: integer('read_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ columns: [t.circularId, t.membershipId] })]
);

export const OPPORTUNITY_STATUSES = ['pending', 'published', 'closed'] as const;

/** A volunteer opportunity an organisation offers. */
export const volunteerOpportunities = pgTable('volunteer_opportunities', {
	id: serial('id').primaryKey(),
	organisationId: integer('organisation_id')
		.notNull()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	title: text('title').notNull(),
	description: text('description').notNull(),
	districtKey: text('district_key')
		.notNull()
		.references(() => districts.key),
	municipality: text('municipality').notNull().default(''),
	schedule: text('schedule').notNull().default(''),
	timeNeeded: text('time_needed').notNull().default(''),
	languages: text('languages')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	contactName: text('contact_name').notNull().default(''),
	status: text('status').$type<(typeof OPPORTUNITY_STATUSES)[number]>().notNull().default('pending'),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const volunteerInterests = pgTable('volunteer_interests', {
	id: serial('id').primaryKey(),
	opportunityId: integer('opportunity_id')
		.notNull()
		.references(() => volunteerOpportunities.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	email: text('email').notNull(),
	message: text('message').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
