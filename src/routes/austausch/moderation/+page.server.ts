import { z } from 'zod';
import { blockedPeople, openReports, unblock } from '#lib/server/exchange/moderation.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'exchange.moderate');
	return { reports: await openReports(locals.ctx), blocked: await blockedPeople(locals.ctx) };
};

export const actions = {
	unblock: async ({ locals, request }) => {
		guardPage(locals, 'exchange.moderate');
		const form = await request.formData();
		const parsed = parseForm(
			form,
			z.object({
				user: z
					.string()
					.regex(/^\d{1,9}$/)
					.transform(Number)
			})
		);
		if (parsed.failure) return parsed.failure;
		try {
			await unblock(locals.ctx, parsed.data.user);
		} catch (e) {
			return failWith(e, form);
		}
		return { unblocked: true };
	}
};
