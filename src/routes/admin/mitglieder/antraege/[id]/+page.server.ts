import { boardDecisionSchema } from '#lib/schemas/membership.ts';
import { kickJobs } from '#lib/server/app.ts';
import { actOnApplication, getApplication } from '#lib/server/membership/review.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'membership.review');
	return await orHttpError(locals.locale, () => getApplication(locals.ctx, idParam(params.id)));
};

export const actions = {
	default: async ({ locals, params, request, url }) => {
		guardPage(locals, 'membership.review');
		const form = await request.formData();
		const parsed = parseForm(form, boardDecisionSchema);
		if (parsed.failure) return parsed.failure;
		const { action, text, resolutionRef } = parsed.data;
		try {
			const result = await actOnApplication(
				locals.ctx,
				idParam(params.id),
				action === 'approve' ? { action, resolutionRef } : { action, text },
				url.origin
			);
			kickJobs();
			return { result };
		} catch (error) {
			return failWith(error, form);
		}
	}
};
