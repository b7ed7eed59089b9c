import { certificateNameSchema } from '#lib/schemas/events.ts';
import { certificateName } from '#lib/server/events/certificate.service.ts';
import { setCertificateName } from '#lib/server/events/certificate.service.ts';
import { cancelRegistration, getRegistration } from '#lib/server/events/registration.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

const tokenOf = (url: URL) => url.searchParams.get('token') ?? '';

export const load = async ({ locals, url }) => {
	const token = tokenOf(url);
	const view = await orHttpError(locals.locale, () => getRegistration(locals.ctx, token));
	const { registration, event } = view;
	return {
		token,
		status: registration.status,
		name: registration.name,
		email: registration.email,
		position: view.position,
		event: {
			id: event.id,
			title: event.title,
			startsAt: event.startsAt,
			endsAt: event.endsAt,
			online: event.online,
			// The access link only for those who hold a place.
			onlineUrl: registration.status === 'confirmed' ? event.onlineUrl : '',
			cancelled: event.status === 'cancelled',
			past: event.startsAt <= new Date()
		},
		organiserName: view.organiserName,
		certificate: view.certificate,
		certificateNameNeeded: view.certificate !== null && certificateName(registration) === null
	};
};

export const actions = {
	cancel: async ({ locals, request, url }) => {
		const form = await request.formData();
		try {
			await cancelRegistration(locals.ctx, tokenOf(url));
		} catch (e) {
			return failWith(e, form);
		}
		return { cancelled: true };
	},
	certificateName: async ({ locals, request, url }) => {
		const form = await request.formData();
		const parsed = parseForm(form, certificateNameSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await setCertificateName(locals.ctx, tokenOf(url), parsed.data.certificateName);
		} catch (e) {
			return failWith(e, form);
		}
		return { nameSaved: true };
	}
};
