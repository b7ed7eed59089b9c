import { z } from 'zod';
import { DIRECTORY_LANGUAGES, DISTRICT_KEYS } from '#lib/directory/directory.ts';
import { email, listOf, required, text } from './fields.ts';

export const opportunitySchema = z.object({
	organisationId: z
		.string('forms_required')
		.regex(/^\d{1,9}$/, 'forms_required')
		.transform(Number),
	title: required(200),
	description: required(5000),
	districtKey: z.enum(DISTRICT_KEYS as [string, ...string[]], 'directory_district_required'),
	municipality: text(120),
	schedule: text(200),
	timeNeeded: text(200),
	languages: listOf(DIRECTORY_LANGUAGES, 30),
	contactName: text(120)
});

export const interestSchema = z.object({ name: required(200), email, message: required(2000) });
