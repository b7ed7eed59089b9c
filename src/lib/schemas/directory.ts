import { z } from 'zod';
import {
	ACTIVITY_FIELDS,
	DIRECTORY_LANGUAGES,
	DISTRICT_KEYS,
	LEGAL_FORMS,
	ORGANISATION_KINDS,
	VISIBILITY_LEVELS,
	VISIBLE_FIELDS,
	type FieldVisibility
} from '#lib/directory/directory.ts';
import { digits, email, listOf, optionalEmail, phone, required, text } from './fields.ts';

/** Comma-separated tags, e.g. "Ukrainische Community, Geflüchtete aus Syrien". */
const tags = z
	.string()
	.max(600, 'forms_too_long')
	.optional()
	.transform((v) =>
		[
			...new Set(
				(v ?? '')
					.split(/[,;\n\u060C]/)
					.map((t) => t.trim().replace(/\s+/g, ' '))
					.filter(Boolean)
			)
		].slice(0, 12)
	)
	.refine((list) => list.every((t) => t.length <= 60), 'directory_communities_invalid');

const website = text(300).refine(
	(v) => !v || /^https?:\/\/[^\s/$.?#][^\s<>"]*\.[^\s<>"]+$/i.test(v),
	'directory_website_invalid'
);

const visibility = z.enum(VISIBILITY_LEVELS);

/** The profile fields an organisation (or a proposer, or an editor) fills in. */
export const organisationProfileSchema = z
	.object({
		name: required(200),
		kind: z.enum(ORGANISATION_KINDS, 'forms_required'),
		legalForm: z
			.union([z.enum(LEGAL_FORMS), z.literal('')])
			.optional()
			.transform((v) => v || null),
		registerCourt: text(120),
		registerNumber: text(40).refine(
			(v) => !v || /^(VR|HRB|HRA|GnR|PR)\s?\d{1,7}(\s?[A-Z]{1,2})?$/.test(v),
			'directory_register_number_invalid'
		),
		districtKey: z.enum(DISTRICT_KEYS as [string, ...string[]], 'directory_district_required'),
		municipality: required(120),
		postalCode: digits(5).refine((v) => !v || /^0[1-9]\d{3}$/.test(v), 'directory_postal_code_invalid'),
		street: text(200),
		phone,
		email: optionalEmail,
		website,
		contactPerson: text(200),
		foundingYear: digits(4)
			.refine(
				(v) => !v || (/^\d{4}$/.test(v) && +v >= 1850 && +v <= new Date().getFullYear()),
				'directory_founding_year_invalid'
			)
			.transform((v) => (v ? Number(v) : null)),
		languages: listOf(DIRECTORY_LANGUAGES, 30),
		communities: tags,
		fields: listOf(ACTIVITY_FIELDS, ACTIVITY_FIELDS.length),
		description: text(4000)
	})
	.superRefine((v, ctx) => {
		if (!v.legalForm && (v.registerCourt || v.registerNumber))
			ctx.addIssue({ code: 'custom', path: ['legalForm'], message: 'directory_legal_form_required' });
	});
export type OrganisationProfileInput = z.infer<typeof organisationProfileSchema>;

/** `visibility_<field>` radio groups. */
export const visibilitySchema = z
	.object(
		Object.fromEntries(VISIBLE_FIELDS.map((f) => [`visibility_${f}`, visibility])) as Record<
			`visibility_${(typeof VISIBLE_FIELDS)[number]}`,
			typeof visibility
		>
	)
	.transform(
		(v) => Object.fromEntries(VISIBLE_FIELDS.map((f) => [f, v[`visibility_${f}`]])) as FieldVisibility
	);

export const proposalSchema = organisationProfileSchema.and(
	z.object({
		wantsAdmin: z
			.string()
			.optional()
			.transform((v) => v === 'on'),
		message: text(1000)
	})
);

export const claimSchema = z.object({ message: required(1000) });

export const descriptionSchema = z.object({
	body: text(4000),
	minor: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

export const inviteSchema = z.object({
	email,
	role: z.enum(['org_admin', 'org_member'], 'forms_invalid')
});

export const decisionSchema = z.object({
	decision: z.enum(['approve', 'reject'], 'forms_invalid'),
	note: text(1000)
});
