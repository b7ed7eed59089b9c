import { boolean, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const SITE_ROLES = ['admin', 'board', 'editor', 'moderator'] as const;
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
	lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
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

/** Sessions are looked up by the SHA-256 of the cookie token; the token itself is never stored. */
export const sessions = pgTable('sessions', {
	id: text('id').primaryKey(),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	/** Absolute expiry: a session never lives longer than this, however active. */
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	/** Idle expiry is measured from here. */
	lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
	/** True once the second factor was given in this session. */
	twoFactorVerified: boolean('two_factor_verified').notNull().default(false)
});

export const EMAIL_TOKEN_PURPOSES = ['verify_email', 'reset_password', 'change_email'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/** Single-use, expiring tokens sent by email; stored as SHA-256 only. */
export const emailTokens = pgTable('email_tokens', {
	id: text('id').primaryKey(),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	purpose: text('purpose').$type<EmailTokenPurpose>().notNull(),
	newEmail: text('new_email'),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const totpCredentials = pgTable('totp_credentials', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** Base32 secret. */
	secret: text('secret').notNull(),
	/** Null until the user proved the authenticator works by entering a code. */
	confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
	/** The last accepted time step, so a code cannot be replayed. */
	lastUsedStep: integer('last_used_step'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const recoveryCodes = pgTable('recovery_codes', {
	id: serial('id').primaryKey(),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	codeHash: text('code_hash').notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});

/** Fixed-window counters for rate limits (sign-in per account and per IP, contact form …). */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull()
});
