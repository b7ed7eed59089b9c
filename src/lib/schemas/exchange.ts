import { z } from 'zod';
import { DIRECTORY_LANGUAGES, DISTRICT_KEYS } from '#lib/directory/directory.ts';
import { listOf, required, text } from './fields.ts';

const flag = z
	.string()
	.optional()
	.transform((v) => v === 'on');
const id = z
	.string()
	.regex(/^\d{1,9}$/, 'forms_invalid')
	.transform(Number);
const district = z
	.union([z.enum(DISTRICT_KEYS as [string, ...string[]]), z.literal('')])
	.default('')
	.transform((v) => v || null);

export const questionSchema = z.object({
	topicId: z
		.string('exchange_topic_required')
		.regex(/^\d{1,9}$/, 'exchange_topic_required')
		.transform(Number),
	locale: z.enum(DIRECTORY_LANGUAGES as unknown as [string, ...string[]], 'forms_required'),
	districtKey: district,
	title: required(200),
	body: required(5000),
	pseudonymous: flag
});

export const answerSchema = z.object({ body: required(5000), pseudonymous: flag });
export const reportSchema = z.object({
	kind: z.enum(['question', 'answer']),
	target: id,
	reason: required(500)
});
export const answerRefSchema = z.object({ answer: id });
export const moderationSchema = z.object({
	kind: z.enum(['question', 'answer']),
	target: id,
	note: text(500),
	body: text(5000)
});

export const helperSchema = z.object({
	topicIds: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.string().regex(/^\d{1,9}$/)).max(30))
		.transform((list) => [...new Set(list.map(Number))]),
	languages: listOf(DIRECTORY_LANGUAGES, 30),
	districtKey: district,
	mode: z.enum(['instant', 'daily']).catch('daily'),
	maxPerDay: z
		.string()
		.default('5')
		.refine((v) => /^\d{1,2}$/.test(v) && +v >= 1 && +v <= 20, 'exchange_max_invalid')
		.transform(Number)
});

export const messageSchema = z.object({ body: required(5000) });
