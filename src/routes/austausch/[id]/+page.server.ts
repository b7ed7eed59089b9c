import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localizePath } from '#lib/i18n/locales.ts';
import { answerRefSchema, answerSchema, moderationSchema, reportSchema } from '#lib/schemas/exchange.ts';
import { requestConversation } from '#lib/server/exchange/conversations.service.ts';
import {
	answerQuestion,
	getQuestion,
	markSolved,
	setQuestionPublic,
	suggestForFaq,
	toggleHelpful,
	toggleSameProblem
} from '#lib/server/exchange/exchange.service.ts';
import {
	blockAuthor,
	editPost,
	reportPost,
	setHidden,
	setLocked
} from '#lib/server/exchange/moderation.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orSignIn } from '#lib/server/http/sign-in.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import type { RequestEvent } from './$types';

export const load = async ({ locals, params }) => {
	const view = await orSignIn(locals, () => getQuestion(locals.ctx, idParam(params.id)));
	return { ...view, signedIn: locals.session !== null, me: locals.session?.user.id ?? null };
};

type Event = RequestEvent;

/** Every action: signed in; then the service decides. Answers the action's flag or the error. */
async function run<T extends Record<string, unknown>>(
	event: Event,
	schema: z.ZodType<T> | null,
	call: (data: T, id: number) => Promise<unknown>,
	flag: string,
	field = 'form'
) {
	guardPage(event.locals, 'exchange.participate');
	const form = await event.request.formData();
	let data = {} as T;
	if (schema) {
		const parsed = parseForm(form, schema);
		if (parsed.failure) return parsed.failure;
		data = parsed.data;
	}
	try {
		await call(data, idParam(event.params.id));
	} catch (e) {
		return failWith(e, form, field);
	}
	return { done: flag };
}

export const actions = {
	answer: (event) =>
		run(
			event,
			answerSchema,
			(d, id) => answerQuestion(event.locals.ctx, id, d.body, d.pseudonymous, event.url.origin),
			'answered'
		),
	solved: (event) =>
		run(event, answerRefSchema, (d, id) => markSolved(event.locals.ctx, id, d.answer), 'solved'),
	helpful: (event) =>
		run(event, answerRefSchema, (d, id) => toggleHelpful(event.locals.ctx, id, d.answer), 'helpful'),
	same: (event) => run(event, null, (_d, id) => toggleSameProblem(event.locals.ctx, id), 'same'),
	faq: (event) => run(event, null, (_d, id) => suggestForFaq(event.locals.ctx, id), 'faq'),
	report: (event) =>
		run(
			event,
			reportSchema,
			(d) => reportPost(event.locals.ctx, d.kind, d.target, d.reason),
			'reported',
			'report'
		),
	contact: async (event) => {
		guardPage(event.locals, 'exchange.participate');
		const form = await event.request.formData();
		const parsed = parseForm(form, answerRefSchema);
		if (parsed.failure) return parsed.failure;
		let conversation: number;
		try {
			conversation = await requestConversation(
				event.locals.ctx,
				idParam(event.params.id),
				parsed.data.answer,
				event.url.origin
			);
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath(`/austausch/nachrichten/${conversation}`, event.locals.locale));
	},
	hide: (event) =>
		run(
			event,
			moderationSchema,
			(d) => setHidden(event.locals.ctx, d.kind, d.target, true, d.note),
			'hidden'
		),
	show: (event) =>
		run(event, moderationSchema, (d) => setHidden(event.locals.ctx, d.kind, d.target, false, ''), 'shown'),
	edit: (event) =>
		run(
			event,
			moderationSchema,
			(d) => editPost(event.locals.ctx, d.kind, d.target, d.body, d.note),
			'edited'
		),
	lock: (event) => run(event, null, (_d, id) => setLocked(event.locals.ctx, id, true), 'locked'),
	unlock: (event) => run(event, null, (_d, id) => setLocked(event.locals.ctx, id, false), 'unlocked'),
	block: (event) =>
		run(
			event,
			moderationSchema,
			(d) => blockAuthor(event.locals.ctx, d.kind, d.target, d.note || '–'),
			'blocked'
		),
	public: (event) =>
		run(
			event,
			z.object({ public: z.enum(['yes', 'no']) }),
			(d, id) => setQuestionPublic(event.locals.ctx, id, d.public === 'yes'),
			'public'
		)
};
