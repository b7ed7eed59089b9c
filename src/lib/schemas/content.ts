import { z } from 'zod';
import { berlinToInstant } from '#lib/events/time.ts';
import { required, text } from './fields.ts';

export const pageTextSchema = z.object({
	title: required(200),
	summary: text(500),
	body: required(50_000)
});

export const translationSchema = pageTextSchema.extend({
	reviewed: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

/** News settings: a publication date and time (Berlin) or none (draft); categories comma-separated. */
export const newsSettingsSchema = z
	.object({
		publishDate: z.string().trim().default(''),
		publishTime: z.string().trim().default(''),
		categories: text(300),
		mediaId: z
			.string()
			.default('')
			.refine((v) => !v || /^\d{1,9}$/.test(v), 'forms_invalid'),
		showAuthor: z
			.string()
			.optional()
			.transform((v) => v === 'on')
	})
	.transform((v, ctx) => {
		let publishAt: Date | null = null;
		if (v.publishDate) {
			publishAt = berlinToInstant(v.publishDate, v.publishTime || '00:00');
			if (!publishAt) {
				ctx.addIssue({ code: 'custom', path: ['publishTime'], message: 'events_time_invalid' });
				return z.NEVER;
			}
		}
		return {
			publishAt,
			categories: [
				...new Set(
					v.categories
						.split(/[,\u060C]/)
						.map((c) => c.trim())
						.filter(Boolean)
				)
			].slice(0, 8),
			mediaId: v.mediaId ? Number(v.mediaId) : null,
			showAuthor: v.showAuthor
		};
	});

export const mediaSchema = z.object({ alt: required(300), name: text(120) });
