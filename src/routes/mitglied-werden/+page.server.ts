import { redirect } from '@sveltejs/kit';
import { APPLICATION_CHOICES, type ApplicationChoice } from '#lib/membership/membership.ts';
import {
	ordinaryApplicationSchema,
	supportingOrganisationSchema,
	supportingPersonSchema
} from '#lib/schemas/membership.ts';
import { appStorage, kickJobs } from '#lib/server/app.ts';
import { submitApplication, type ApplicationInput } from '#lib/server/membership/application.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { localizePath } from '#lib/i18n/locales.ts';

function choiceOf(value: string | null): ApplicationChoice | null {
	return (APPLICATION_CHOICES as readonly string[]).includes(value ?? '')
		? (value as ApplicationChoice)
		: null;
}

export const load = ({ url }) => ({ choice: choiceOf(url.searchParams.get('form')) });

export const actions = {
	default: async (event) => {
		const { locals, request, url } = event;
		const form = await request.formData();
		const choice = choiceOf(String(form.get('choice') ?? ''));
		if (!choice) redirect(303, localizePath('/mitglied-werden', locals.locale));
		let input: ApplicationInput;
		if (choice === 'ordinary') {
			const parsed = parseForm(form, ordinaryApplicationSchema);
			if (parsed.failure) return parsed.failure;
			const file = form.get('statutes');
			const statutes =
				file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
			input = { choice, data: parsed.data, statutes };
		} else if (choice === 'supporting_person') {
			const parsed = parseForm(form, supportingPersonSchema);
			if (parsed.failure) return parsed.failure;
			input = { choice, data: parsed.data };
		} else {
			const parsed = parseForm(form, supportingOrganisationSchema);
			if (parsed.failure) return parsed.failure;
			input = { choice, data: parsed.data };
		}
		let submitted: { id: number };
		try {
			submitted = await submitApplication(locals.ctx, appStorage(), input, {
				locale: locals.locale,
				origin: url.origin,
				ip: clientIp(event)
			});
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		return { submitted: submitted.id };
	}
};
