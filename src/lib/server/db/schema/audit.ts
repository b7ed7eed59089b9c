import { integer, jsonb, pgTable, serial, text, timestamp, index } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * Who did what to which record, when and from where. Never holds passwords, tokens or codes.
 * `actorLabel` keeps the actor's email at the time, so the entry stays readable after the account
 * is gone (erasure replaces it with a pseudonym).
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: serial('id').primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
		actorLabel: text('actor_label'),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		ip: text('ip')
	},
	(t) => [index('audit_log_at_idx').on(t.at)]
);
