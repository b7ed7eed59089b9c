import { error, redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { translate } from '#lib/i18n/messages.ts';
import { eventSchema } from '#lib/schemas/events.ts';
import { myOrganisations } from '#lib/server/directory/organisation.service.ts';
import { createEvent, organiserChoices } from '#lib/server/events/events.service.ts';
import { NEW_EVENT_VALUES } from '#lib/server/events/form-values.ts';
import { Invalid } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardEventPages } from '#lib/server/events/guards.ts';

async function organisers(locals: App.Locals) {
	const choices = organiserChoices(locals.ctx.actor);
	const options: { value: string; label: string }[] = [];
	if (choices.association) options.push({ value: 'verband', label: '' });
	for (const org of await myOrganisations(locals.ctx)) {
		if (choices.organisationIds.includes(org.id)) options.push({ value: String(org.id), label: org.name });
	}
	return options;
}

export const load = async ({ locals }) => {
	guardEventPages(locals);
	const options = await organisers(locals);
	if (!options.length) error(403, translate('errors_forbidden', locals.locale));
	return { organisers: options, form: NEW_EVENT_VALUES };
};

export const actions = {
	default: async ({ locals, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, eventSchema);
		if (parsed.failure) return parsed.failure;
		const organiser = String(form.get('organiser') ?? '');
		if (!(await organisers(locals)).some((o) => o.value === organiser))
			return failWith(new Invalid('forms_required', 'organiser', 'organiser'), form);
		let id: number;
		try {
			const event = await createEvent(
				locals.ctx,
				organiser === 'verband' ? null : Number(organiser),
				parsed.data
			);
			id = event.id;
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, `${localizePath(`/konto/veranstaltungen/${id}`, locals.locale)}?neu=1`);
	}
};
