import { z } from 'zod';
import { DISTRICT_KEYS } from '#lib/directory/directory.ts';
import {
	MEMBER_LEGAL_FORMS,
	END_REASONS,
	plausibleRegisterNumber,
	validNumberPattern
} from '#lib/membership/membership.ts';
import {
	asciiDigits,
	checked,
	digits,
	email,
	isoDate,
	optionalEmail,
	phone,
	required,
	text
} from './fields.ts';
import { isValidCreditorId } from '#lib/membership/banking.ts';

const postalCode = digits(5).refine((v) => !v || /^\d{5}$/.test(v), 'settings_postal_code_invalid');

/** What every application confirms: the goals, the values, the privacy notice. */
const acknowledgements = {
	acknowledgeGoals: checked('membership_acknowledge_required'),
	acknowledgeValues: checked('membership_acknowledge_required'),
	acceptPrivacy: checked('membership_privacy_required')
};

const district = z.enum(DISTRICT_KEYS as [string, ...string[]], 'directory_district_required');

/** An ordinary member: a migrant organisation that is a legal person. */
export const ordinaryApplicationSchema = z
	.object({
		organisationName: required(200),
		legalForm: z.enum(MEMBER_LEGAL_FORMS, 'forms_required'),
		registerCourt: required(120),
		registerNumber: text(40),
		seat: required(120),
		districtKey: district,
		representatives: required(1000),
		contactName: required(200),
		email,
		phone,
		communities: text(600),
		directoryProfile: text(200),
		...acknowledgements
	})
	.superRefine((v, ctx) => {
		if (v.legalForm !== 'foundation' && !v.registerNumber)
			ctx.addIssue({ code: 'custom', path: ['registerNumber'], message: 'forms_required' });
		else if (!plausibleRegisterNumber(v.legalForm, v.registerNumber))
			ctx.addIssue({
				code: 'custom',
				path: ['registerNumber'],
				message: 'membership_register_number_invalid'
			});
	});
export type OrdinaryApplication = z.infer<typeof ordinaryApplicationSchema>;

/** A supporting member who is a natural person. Origin and similar are never asked. */
export const supportingPersonSchema = z.object({
	name: required(200),
	email,
	phone,
	street: text(200),
	postalCode,
	city: text(120),
	districtKey: district.or(z.literal('')).default(''),
	message: text(1000),
	...acknowledgements
});
export type SupportingPersonApplication = z.infer<typeof supportingPersonSchema>;

/** A supporting association, initiative or corporation. */
export const supportingOrganisationSchema = z.object({
	organisationName: required(200),
	organisationType: z.enum(['association', 'initiative', 'corporation'], 'forms_required'),
	seat: required(120),
	districtKey: district.or(z.literal('')).default(''),
	contactName: required(200),
	email,
	phone,
	message: text(1000),
	...acknowledgements
});
export type SupportingOrganisationApplication = z.infer<typeof supportingOrganisationSchema>;

export const applicantAnswerSchema = z.object({ body: required(4000) });

export const boardDecisionSchema = z.object({
	action: z.enum(['approve', 'reject', 'question'], 'forms_invalid'),
	text: text(4000),
	resolutionRef: text(100)
});

export const nominationSchema = z.object({
	name: required(200),
	email: optionalEmail,
	justification: required(2000),
	decidedOn: isoDate,
	resolutionRef: text(100)
});

export const endMembershipSchema = z.object({
	endedOn: isoDate,
	reason: z.enum(END_REASONS, 'forms_required'),
	note: text(1000)
});

export const membershipSettingsSchema = z.object({
	membershipApprovals: z
		.string()
		.default('')
		.transform(asciiDigits)
		.refine((v) => /^[1-9]$/.test(v.trim()), 'membership_approvals_invalid')
		.transform((v) => Number(v)),
	membershipNumberPattern: required(40).refine(validNumberPattern, 'membership_pattern_invalid'),
	membershipRetentionYears: z
		.string()
		.default('')
		.transform(asciiDigits)
		.refine((v) => /^\d{1,2}$/.test(v.trim()) && +v >= 1 && +v <= 30, 'membership_retention_invalid')
		.transform((v) => Number(v)),
	sepaCreditorId: text(35)
		.transform((v) => v.replace(/\s/g, '').toUpperCase())
		.refine((v) => !v || isValidCreditorId(v), 'membership_creditor_id_invalid')
		.transform((v) => v || null)
});

/** An amount in euros as typed ("24", "24,50", "24.50") in cents. */
const euros = z
	.string()
	.default('')
	.transform((v) => asciiDigits(v).trim().replace(',', '.'))
	.refine((v) => /^\d{1,6}(\.\d{1,2})?$/.test(v), 'dues_amount_invalid')
	.transform((v) => Math.round(Number(v) * 100));

export const feesSchema = z.object({ ordinary: euros, supporting: euros });
export const generateDuesSchema = z.object({ dueOn: isoDate });
export const paymentSchema = z.object({
	duesId: z.coerce.number().int().positive('forms_invalid'),
	paidOn: isoDate,
	method: z.enum(['transfer', 'direct_debit', 'cash'], 'forms_required')
});
export const collectionSchema = z.object({ collectionDate: isoDate });
export const mandateSchema = z.object({
	accountHolder: required(70),
	iban: required(40),
	bic: text(11),
	signedOn: isoDate
});
export const contactUpdateSchema = z.object({
	phone,
	street: text(200),
	postalCode,
	city: text(120)
});
