import { pgTable, primaryKey, serial, text, timestamp, integer } from 'drizzle-orm/pg-core';

export const SITE_ROLES = ['admin', 'board', 'editor'] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

export const users = pgTable('users', {
	id: serial('id').primaryKey(),
	/** Stored lower-cased; unique. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	locale: text('locale').notNull().default('de'),
	/** argon2id (PHC string). */
	passwordHash: text('password_hash').notNull(),
	emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
	disabledAt: timestamp('disabled_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const userRoles = pgTable(
	'user_roles',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role').$type<SiteRole>().notNull(),
		grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })]
);
