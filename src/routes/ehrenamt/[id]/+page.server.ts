import { interestSchema } from '#lib/schemas/volunteering.ts';
import {
	closeOpportunity,
	expressInterest,
	getOpportunity,
	interestsFor,
	reviewOpportunity
} from '#lib/server/volunteering/volunteering.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { idParam } from '#lib/server/http/params.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	const view = await orHttpError(locals.locale, () => getOpportunity(locals.ctx, idParam(params.id)));
	return { ...view, interests: view.manages ? await interestsFor(locals.ctx, idParam(params.id)) : [] };
};

export const actions = {
	interest: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, interestSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await expressInterest(event.locals.ctx, idParam(event.params.id), parsed.data, {
				ip: clientIp(event),
				origin: event.url.origin
			});
		} catch (e) {
			return failWith(e, form);
		}
		return { interested: true };
	},
	close: async ({ locals, params, request }) => {
		const form = await request.formData();
		try {
			await closeOpportunity(locals.ctx, idParam(params.id));
		} catch (e) {
			return failWith(e, form, 'manage');
		}
		return { closed: true };
	},
	publish: async ({ locals, params, request }) => {
		const form = await request.formData();
		try {
			await reviewOpportunity(locals.ctx, idParam(params.id), form.get('decision') === 'publish');
		} catch (e) {
			return failWith(e, form, 'manage');
		}
		return { reviewed: true };
	}
};
