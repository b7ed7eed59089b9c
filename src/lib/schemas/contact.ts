import { z } from 'zod';
import { LOCALES } from '#lib/i18n/locales.ts';

export const contactSchema = z.object({
	name: z.string().trim().min(1, 'forms_required').max(120, 'forms_too_long'),
	email: z
		.string()
		.trim()
		.min(1, 'forms_required')
		.max(254, 'forms_email_invalid')
		.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'forms_email_invalid'),
	subject: z.string().trim().min(1, 'forms_required').max(200, 'forms_too_long'),
	message: z.string().trim().min(1, 'forms_required').max(5000, 'contact_message_too_long'),
	consent: z.literal('on', 'contact_consent_required'),
	locale: z.enum(LOCALES, 'forms_invalid'),
	formStamp: z.string().max(200),
	website: z.string().max(500).default('')
});

export const replySchema = z.object({
	reply: z.string().trim().min(1, 'forms_required').max(10_000, 'forms_too_long')
});
