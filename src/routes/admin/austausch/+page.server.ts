import { z } from 'zod';
import { LOCALES } from '#lib/i18n/locales.ts';
import { email } from '#lib/schemas/fields.ts';
import {
	addTopic,
	faqCandidates,
	listTopics,
	setTopicActive
} from '#lib/server/exchange/exchange.service.ts';
import { moderators, setModerator } from '#lib/server/exchange/moderation.service.ts';
import { Invalid } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'exchange.curate');
	return {
		topics: await listTopics(locals.ctx, true),
		moderators: await moderators(locals.ctx),
		candidates: await faqCandidates(locals.ctx)
	};
};

export const actions = {
	topic: async ({ locals, request }) => {
		guardPage(locals, 'exchange.curate');
		const form = await request.formData();
		const labels = Object.fromEntries(
			LOCALES.map((l) => [
				l,
				String(form.get(`label_${l}`) ?? '')
					.trim()
					.slice(0, 80)
			]).filter(([, v]) => v)
		);
		if (!labels.de) return failWith(new Invalid('forms_required', 'de', 'label_de'), form, 'topic');
		const slug = labels.de
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/ß/g, 'ss')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '');
		try {
			await addTopic(locals.ctx, slug || 'thema', labels);
		} catch (e) {
			return failWith(e, form, 'topic');
		}
		return { topicSaved: true };
	},
	toggle: async ({ locals, request }) => {
		guardPage(locals, 'exchange.curate');
		const form = await request.formData();
		const parsed = parseForm(
			form,
			z.object({
				id: z
					.string()
					.regex(/^\d{1,9}$/)
					.transform(Number),
				active: z.enum(['yes', 'no'])
			})
		);
		if (parsed.failure) return parsed.failure;
		await setTopicActive(locals.ctx, parsed.data.id, parsed.data.active === 'yes');
		return { topicSaved: true };
	},
	moderator: async ({ locals, request }) => {
		guardPage(locals, 'exchange.curate');
		const form = await request.formData();
		const parsed = parseForm(form, z.object({ email, grant: z.enum(['yes', 'no']) }));
		if (parsed.failure) return { ...parsed.failure.data, moderatorFailed: true };
		try {
			await setModerator(locals.ctx, parsed.data.email, parsed.data.grant === 'yes');
		} catch (e) {
			return failWith(e, form, 'moderator');
		}
		return { moderatorSaved: true };
	}
};
