import { z } from 'zod';
import { DIRECTORY_LANGUAGES } from '#lib/directory/directory.ts';
import { ACCESS_LEVELS } from '#lib/server/db/schema/library.ts';
import { required, text } from './fields.ts';

export const documentSchema = z.object({
	title: required(200),
	description: text(2000),
	tags: text(300).transform((v) =>
		[
			...new Set(
				v
					.split(/[,\u060C]/)
					.map((t) => t.trim())
					.filter(Boolean)
			)
		].slice(0, 12)
	),
	language: z.enum(DIRECTORY_LANGUAGES as unknown as [string, ...string[]], 'forms_required'),
	access: z.enum(ACCESS_LEVELS, 'forms_required'),
	folderId: z
		.string()
		.default('')
		.refine((v) => !v || /^\d{1,9}$/.test(v), 'forms_invalid')
		.transform((v) => (v ? Number(v) : null))
});
