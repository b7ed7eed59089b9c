import { z } from 'zod';
import { DIRECTORY_LANGUAGES, DISTRICT_KEYS } from '#lib/directory/directory.ts';
import { EVENT_TYPES, MAX_QUESTIONS, QUESTION_KINDS, type EventQuestion } from '#lib/events/events.ts';
import { berlinToInstant } from '#lib/events/time.ts';
import { digits, email, isoDate, listOf, required, text } from './fields.ts';

const flag = z
	.string()
	.optional()
	.transform((v) => v === 'on');

const time = z
	.string()
	.trim()
	.default('')
	.refine((v) => !v || /^\d{2}:\d{2}$/.test(v), 'events_time_invalid');

const optionalDate = z
	.string()
	.trim()
	.default('')
	.refine(
		(v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))),
		'membership_date_invalid'
	);

const httpsUrl = text(500).refine(
	(v) => !v || /^https:\/\/[^\s/$.?#][^\s<>"]*$/i.test(v),
	'events_url_invalid'
);

const questionFields = Object.fromEntries(
	Array.from({ length: MAX_QUESTIONS }, (_, i) => [
		[`question${i + 1}Label`, text(200)],
		[`question${i + 1}Kind`, z.enum(QUESTION_KINDS).catch('text')],
		[`question${i + 1}Required`, flag]
	]).flat()
) as Record<string, z.ZodType>;

/**
 * The event form. Dates and times are Berlin wall-clock time; the refinement turns them into
 * instants and checks what belongs together (end after start, a place or an online link, the
 * registration window before the end).
 */
export const eventSchema = z
	.object({
		type: z.enum(EVENT_TYPES, 'forms_required'),
		title: required(200),
		description: text(10_000),
		startDate: isoDate,
		startTime: time.refine((v) => v, 'forms_required'),
		endDate: optionalDate,
		endTime: time.refine((v) => v, 'forms_required'),
		online: flag,
		onlineUrl: httpsUrl,
		venue: text(200),
		street: text(200),
		postalCode: digits(5).refine((v) => !v || /^0[1-9]\d{3}$/.test(v), 'directory_postal_code_invalid'),
		municipality: text(120),
		districtKey: z
			.union([z.enum(DISTRICT_KEYS as [string, ...string[]]), z.literal('')])
			.default('')
			.catch(''),
		stepFree: flag,
		accessibility: text(500),
		languages: listOf(DIRECTORY_LANGUAGES, 30),
		targetGroup: text(300),
		cost: text(100),
		capacity: digits(5).refine((v) => !v || (+v >= 1 && +v <= 10_000), 'events_capacity_invalid'),
		registration: flag,
		opensDate: optionalDate,
		opensTime: time,
		closesDate: optionalDate,
		closesTime: time,
		requiresApproval: flag,
		waitlist: flag,
		hours: text(6).refine((v) => !v || /^\d{1,3}([.,]\d)?$/.test(v), 'events_hours_invalid'),
		...questionFields
	})
	.transform((v, ctx) => {
		const issue = (path: string, message: string) => {
			ctx.addIssue({ code: 'custom', path: [path], message });
			return z.NEVER;
		};
		const startsAt = berlinToInstant(v.startDate, v.startTime);
		if (!startsAt) return issue('startTime', 'events_time_invalid');
		const endsAt = berlinToInstant(v.endDate || v.startDate, v.endTime);
		if (!endsAt) return issue('endTime', 'events_time_invalid');
		if (endsAt <= startsAt) return issue('endTime', 'events_end_before_start');
		if (v.online && !v.onlineUrl) return issue('onlineUrl', 'events_online_url_required');
		if (!v.online && !v.districtKey) return issue('districtKey', 'directory_district_required');
		if (!v.online && !v.municipality) return issue('municipality', 'forms_required');
		const opensAt = v.opensDate ? berlinToInstant(v.opensDate, v.opensTime || '00:00') : null;
		if (v.opensDate && !opensAt) return issue('opensTime', 'events_time_invalid');
		const closesAt = v.closesDate ? berlinToInstant(v.closesDate, v.closesTime || '23:59') : null;
		if (v.closesDate && !closesAt) return issue('closesTime', 'events_time_invalid');
		if (closesAt && closesAt > endsAt) return issue('closesDate', 'events_closes_after_end');
		if (opensAt && closesAt && closesAt <= opensAt) return issue('closesDate', 'events_closes_before_opens');
		const raw = v as unknown as Record<string, unknown>;
		const questions: EventQuestion[] = [];
		for (let i = 1; i <= MAX_QUESTIONS; i++) {
			const label = raw[`question${i}Label`] as string;
			if (!label) continue;
			questions.push({
				id: `q${i}`,
				label,
				kind: raw[`question${i}Kind`] as EventQuestion['kind'],
				required: raw[`question${i}Required`] as boolean
			});
		}
		return {
			type: v.type,
			title: v.title,
			description: v.description,
			startsAt,
			endsAt,
			online: v.online,
			onlineUrl: v.online ? v.onlineUrl : '',
			venue: v.venue,
			street: v.street,
			postalCode: v.postalCode,
			municipality: v.municipality,
			districtKey: v.districtKey || null,
			stepFree: v.stepFree,
			accessibility: v.accessibility,
			languages: v.languages,
			targetGroup: v.targetGroup,
			cost: v.cost,
			capacity: v.capacity ? Number(v.capacity) : null,
			registration: v.registration,
			registrationOpensAt: opensAt,
			registrationClosesAt: closesAt,
			requiresApproval: v.requiresApproval,
			waitlist: v.waitlist,
			hours: v.hours ? v.hours.replace(',', '.') : null,
			questions
		};
	});
export type EventInput = z.infer<typeof eventSchema>;

export const eventTranslationSchema = z.object({
	title: required(200),
	description: text(10_000),
	imageAlt: text(300),
	reviewed: flag
});

/**
 * The registration form; answers to the event's own questions are checked by the service. No
 * consent checkbox: the data serve the registration itself (Art. 6 (1) (b) GDPR); the form says
 * who receives them.
 */
export const registrationSchema = z.object({ name: required(200), email });

export const messageSchema = z.object({ subject: required(200), body: required(5000) });
export const cancelEventSchema = z.object({ reason: text(1000) });
export const certificateNameSchema = z.object({
	certificateName: required(200).refine(
		(v) => /^[\u0020-\u007e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]+$/.test(v),
		'events_certificate_name_latin'
	)
});

export const imageSchema = z.object({ imageAlt: required(300) });
