import { z } from 'zod';
import { LOCALES } from '#lib/i18n/locales.ts';

// Error messages are message-catalog keys; the form shows them translated beside the field.
const email = z
	.string()
	.trim()
	.min(1, 'forms_required')
	.max(254, 'forms_email_invalid')
	.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'forms_email_invalid');
const password = z.string().min(1, 'forms_required').max(200, 'auth_password_too_long');
const name = z.string().trim().min(1, 'forms_required').max(120, 'forms_too_long');

export const signInSchema = z.object({ email, password });
export const registerSchema = z.object({
	name,
	email,
	password,
	locale: z.enum(LOCALES, 'forms_required')
});
export const emailOnlySchema = z.object({ email });
export const newPasswordSchema = z.object({
	token: z.string().min(1, 'auth_link_invalid').max(200),
	password
});
export const tokenSchema = z.object({ token: z.string().min(1, 'auth_link_invalid').max(200) });
export const codeSchema = z.object({
	code: z.string().trim().min(1, 'forms_required').max(20, 'auth_code_invalid')
});

export const profileSchema = z.object({ name, locale: z.enum(LOCALES, 'forms_required') });
export const changePasswordSchema = z.object({ current: password, next: password });
export const confirmPasswordSchema = z.object({ password });
