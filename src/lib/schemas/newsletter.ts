import { z } from 'zod';
import { LOCALES } from '#lib/i18n/locales.ts';
import { NEWSLETTER_TOPICS } from '#lib/newsletter/topics.ts';
import { checked, email, listOf } from './fields.ts';

export const subscribeSchema = z.object({
	email,
	language: z.enum(LOCALES, 'forms_required'),
	topics: listOf(NEWSLETTER_TOPICS, NEWSLETTER_TOPICS.length).refine(
		(t) => t.length > 0,
		'newsletter_topics_required'
	),
	consent: checked('newsletter_consent_required')
});

export const preferencesSchema = z.object({
	language: z.enum(LOCALES, 'forms_required'),
	topics: listOf(NEWSLETTER_TOPICS, NEWSLETTER_TOPICS.length).refine(
		(t) => t.length > 0,
		'newsletter_topics_required'
	)
});

/** The issue form: `subject_<locale>`/`body_<locale>` per language (German required). */
export const issueSchema = z
	.object({
		subject_de: z.string().trim().max(200, 'forms_too_long').min(1, 'forms_required'),
		body_de: z.string().trim().max(20_000, 'forms_too_long').min(1, 'forms_required'),
		news: z
			.union([z.string(), z.array(z.string())])
			.optional()
			.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
			.pipe(z.array(z.string().regex(/^\d{1,9}$/, 'forms_invalid')).max(20, 'forms_invalid')),
		topics: listOf(NEWSLETTER_TOPICS, NEWSLETTER_TOPICS.length),
		ratePerMinute: z
			.string()
			.default('600')
			.refine((v) => /^\d{1,6}$/.test(v) && +v >= 1 && +v <= 100_000, 'newsletter_rate_invalid')
	})
	.catchall(z.union([z.string(), z.array(z.string())]));

export function issueInput(data: z.infer<typeof issueSchema>) {
	const raw = data as Record<string, unknown>;
	const texts = Object.fromEntries(
		LOCALES.map((locale) => [
			locale,
			{
				subject: String(raw[`subject_${locale}`] ?? '')
					.trim()
					.slice(0, 200),
				body: String(raw[`body_${locale}`] ?? '')
					.trim()
					.slice(0, 20_000)
			}
		])
	);
	return {
		texts,
		newsPageIds: data.news.map(Number),
		topics: data.topics,
		ratePerMinute: Number(data.ratePerMinute)
	};
}
