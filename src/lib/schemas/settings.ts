import { z } from 'zod';

const optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'forms_too_long')
		.transform((v) => v || null);
const optionalEmail = z
	.string()
	.trim()
	.max(254, 'forms_email_invalid')
	.refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'forms_email_invalid')
	.transform((v) => v || null);

/** One person per line: "Name – Funktion" (the function is optional). */
const representatives = z
	.string()
	.max(2000, 'forms_too_long')
	.transform((text) =>
		text
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => {
				const [name = '', ...role] = line.split(/\s+[–-]\s+/);
				return { name: name.trim(), role: role.join(' – ').trim() };
			})
	);

export const settingsSchema = z.object({
	name: z.string().trim().min(1, 'forms_required').max(200, 'forms_too_long'),
	legalForm: optional(200),
	seat: optional(200),
	street: optional(200),
	postalCode: z
		.string()
		.trim()
		.refine((v) => !v || /^\d{5}$/.test(v), 'settings_postal_code_invalid')
		.transform((v) => v || null),
	city: optional(200),
	email: optionalEmail,
	phone: z
		.string()
		.trim()
		.refine((v) => !v || /^[+0-9 ()/-]{6,30}$/.test(v), 'settings_phone_invalid')
		.transform((v) => v || null),
	registerCourt: optional(200),
	registerNumber: z
		.string()
		.trim()
		.refine((v) => !v || /^VR\s?\d{1,6}(\s?[A-Z]{1,2})?$/.test(v), 'settings_register_number_invalid')
		.transform((v) => v || null),
	vatId: z
		.string()
		.trim()
		.refine((v) => !v || /^DE\d{9}$/.test(v.replace(/\s/g, '')), 'settings_vat_id_invalid')
		.transform((v) => v.replace(/\s/g, '') || null),
	representatives,
	editorialResponsible: optional(300),
	privacyContactName: optional(200),
	privacyContactEmail: optionalEmail,
	bankName: optional(200),
	iban: z
		.string()
		.trim()
		.refine(
			(v) => !v || /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v.replace(/\s/g, '').toUpperCase()),
			'settings_iban_invalid'
		)
		.transform((v) => v.replace(/\s/g, '').toUpperCase() || null),
	bic: z
		.string()
		.trim()
		.refine((v) => !v || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v.toUpperCase()), 'settings_bic_invalid')
		.transform((v) => v.toUpperCase() || null)
});

export type SettingsInput = z.infer<typeof settingsSchema>;
