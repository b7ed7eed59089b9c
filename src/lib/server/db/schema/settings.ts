import { check, date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export interface BoardRepresentative {
	name: string;
	/** e.g. "Vorsitzende", "stellvertretender Vorsitzender" */
	role: string;
}

/**
 * The association's identity: one row. Feeds the Impressum, the privacy notice, contact page and
 * (later) emails and documents. Fields the board has not filled in stay NULL and are shown as
 * missing — never invented.
 */
export const associationSettings = pgTable(
	'association_settings',
	{
		id: integer('id').primaryKey().default(1),
		name: text('name').notNull(),
		legalForm: text('legal_form'),
		foundedOn: date('founded_on'),
		motto: text('motto'),
		seat: text('seat'),
		street: text('street'),
		postalCode: text('postal_code'),
		city: text('city'),
		email: text('email'),
		phone: text('phone'),
		registerCourt: text('register_court'),
		registerNumber: text('register_number'),
		vatId: text('vat_id'),
		representatives: jsonb('representatives').$type<BoardRepresentative[]>().notNull().default([]),
		editorialResponsible: text('editorial_responsible'),
		privacyContactName: text('privacy_contact_name'),
		privacyContactEmail: text('privacy_contact_email'),
		bankName: text('bank_name'),
		iban: text('iban'),
		bic: text('bic'),
		/** Board approvals an application needs from different board members (four eyes: 2). */
		membershipApprovals: integer('membership_approvals').notNull().default(2),
		/** Membership numbers: JJJJ is the year, NNN the running number, e.g. M-JJJJ-NNN → M-2026-017. */
		membershipNumberPattern: text('membership_number_pattern').notNull().default('M-JJJJ-NNN'),
		/** Years after a membership ended until its personal data is anonymised (accounting: 10). */
		membershipRetentionYears: integer('membership_retention_years').notNull().default(10),
		/** SEPA creditor identifier (Gläubiger-ID) for direct debits, e.g. DE98ZZZ09999999999. */
		sepaCreditorId: text('sepa_creditor_id'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('association_settings_single_row', sql`${t.id} = 1`)]
);

/** Secrets the app generates for itself on first use (e.g. to sign form tokens); never shown. */
export const appSecrets = pgTable('app_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
