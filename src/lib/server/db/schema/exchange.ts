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
	timestamp
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { districts } from './directory.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** What people ask about; editors keep the list. Labels per locale, German required. */
export const exchangeTopics = pgTable('exchange_topics', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	labels: jsonb('labels').$type<Record<string, string>>().notNull(),
	active: boolean('active').notNull().default(true),
	position: integer('position').notNull().default(0)
});

export const QUESTION_STATUSES = ['open', 'solved'] as const;

/**
 * A question. `pseudonym` set: others see it instead of the author's name; moderators see who it
 * is. Readable by signed-in people; `public` is the editors' choice per question.
 */
export const exchangeQuestions = pgTable(
	'exchange_questions',
	{
		id: serial('id').primaryKey(),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		pseudonym: text('pseudonym'),
		topicId: integer('topic_id')
			.notNull()
			.references(() => exchangeTopics.id),
		locale: text('locale').notNull(),
		districtKey: text('district_key').references(() => districts.key),
		title: text('title').notNull(),
		body: text('body').notNull(),
		status: text('status').$type<(typeof QUESTION_STATUSES)[number]>().notNull().default('open'),
		solvedAnswerId: integer('solved_answer_id'),
		locked: boolean('locked').notNull().default(false),
		hidden: boolean('hidden').notNull().default(false),
		moderationNote: text('moderation_note').notNull().default(''),
		public: boolean('public').notNull().default(false),
		faqSuggested: boolean('faq_suggested').notNull().default(false),
		searchVector: tsvector('search_vector'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('exchange_questions_search_idx').using('gin', t.searchVector),
		index('exchange_questions_topic_idx').on(t.topicId, t.createdAt)
	]
);

export const exchangeAnswers = pgTable(
	'exchange_answers',
	{
		id: serial('id').primaryKey(),
		questionId: integer('question_id')
			.notNull()
			.references(() => exchangeQuestions.id, { onDelete: 'cascade' }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		pseudonym: text('pseudonym'),
		body: text('body').notNull(),
		hidden: boolean('hidden').notNull().default(false),
		moderationNote: text('moderation_note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('exchange_answers_question_idx').on(t.questionId, t.id)]
);

export const exchangeHelpful = pgTable(
	'exchange_helpful',
	{
		answerId: integer('answer_id')
			.notNull()
			.references(() => exchangeAnswers.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.answerId, t.userId] })]
);

export const exchangeSameProblem = pgTable(
	'exchange_same_problem',
	{
		questionId: integer('question_id')
			.notNull()
			.references(() => exchangeQuestions.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.questionId, t.userId] })]
);

/** "I can help with": topics, languages, optionally a district; how and how often to be told. */
export const exchangeHelpers = pgTable('exchange_helpers', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	topicIds: integer('topic_ids')
		.array()
		.notNull()
		.default(sql`'{}'::int[]`),
	languages: text('languages')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	districtKey: text('district_key').references(() => districts.key),
	mode: text('mode').$type<'instant' | 'daily'>().notNull().default('daily'),
	maxPerDay: integer('max_per_day').notNull().default(5),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Which helper is told about which question; `sentAt` once mailed (at once or in the digest). */
export const exchangeNotifications = pgTable(
	'exchange_notifications',
	{
		questionId: integer('question_id')
			.notNull()
			.references(() => exchangeQuestions.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		score: integer('score').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.questionId, t.userId] }),
		index('exchange_notifications_user_idx').on(t.userId, t.sentAt)
	]
);

/** Private messages between asker and helper, open once both have agreed. */
export const exchangeConversations = pgTable(
	'exchange_conversations',
	{
		id: serial('id').primaryKey(),
		questionId: integer('question_id')
			.notNull()
			.references(() => exchangeQuestions.id, { onDelete: 'cascade' }),
		askerId: integer('asker_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		helperId: integer('helper_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		requestedBy: integer('requested_by').notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('exchange_conversations_people_idx').on(t.askerId, t.helperId)]
);

export const exchangeMessages = pgTable('exchange_messages', {
	id: serial('id').primaryKey(),
	conversationId: integer('conversation_id')
		.notNull()
		.references(() => exchangeConversations.id, { onDelete: 'cascade' }),
	senderId: integer('sender_id').references(() => users.id, { onDelete: 'set null' }),
	body: text('body').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const exchangeReports = pgTable('exchange_reports', {
	id: serial('id').primaryKey(),
	kind: text('kind').$type<'question' | 'answer'>().notNull(),
	targetId: integer('target_id').notNull(),
	reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
	reason: text('reason').notNull(),
	status: text('status').$type<'open' | 'done'>().notNull().default('open'),
	decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** People moderators blocked from the exchange (they can still read). */
export const exchangeBlocks = pgTable('exchange_blocks', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	reason: text('reason').notNull(),
	blockedBy: integer('blocked_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
