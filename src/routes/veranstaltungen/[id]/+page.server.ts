import { registrationSchema } from '#lib/schemas/events.ts';
import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';
import { getEventPage } from '#lib/server/events/calendar.service.ts';
import { registerForEvent } from '#lib/server/events/registration.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { idParam } from '#lib/server/http/params.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params, url }) => {
	const view = await orHttpError(locals.locale, () =>
		getEventPage(locals.ctx, idParam(params.id), locals.locale)
	);
	const association = await getPublicAssociation(locals.ctx);
	const user = locals.session?.user;
	return {
		view,
		origin: url.origin,
		associationName: association.name,
		person: user ? { name: user.name, email: user.email } : null
	};
};

export const actions = {
	default: async (event) => {
		const { locals, params, request, url } = event;
		const form = await request.formData();
		// Signed-in people register with one click: name and address come from their account.
		const user = locals.session?.user;
		if (user) {
			form.set('name', user.name);
			form.set('email', user.email);
		}
		const parsed = parseForm(form, registrationSchema);
		if (parsed.failure) return parsed.failure;
		const answers = Object.fromEntries(
			[...form.entries()].filter(([k, v]) => k.startsWith('answer_') && typeof v === 'string')
		) as Record<string, string>;
		try {
			const result = await registerForEvent(locals.ctx, idParam(params.id), {
				...parsed.data,
				answers,
				locale: locals.locale,
				origin: url.origin,
				ip: clientIp(event)
			});
			return { registered: result.status, again: result.again };
		} catch (e) {
			return failWith(e, form);
		}
	}
};
