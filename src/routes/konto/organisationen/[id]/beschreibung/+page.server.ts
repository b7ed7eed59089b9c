import { error } from '@sveltejs/kit';
import { BASE_LOCALE, isLocale } from '#lib/i18n/locales.ts';
import { descriptionSchema } from '#lib/schemas/directory.ts';
import { getDescription, saveTranslation } from '#lib/server/directory/organisation.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

function targetLocale(url: URL) {
	const locale = url.searchParams.get('sprache');
	if (!isLocale(locale) || locale === BASE_LOCALE) error(404);
	return locale;
}

export const load = async ({ locals, params, url }) => {
	guardPage(locals, 'organisation.edit', { organisationId: idParam(params.id) });
	const target = targetLocale(url);
	const description = await orHttpError(locals.locale, () =>
		getDescription(locals.ctx, idParam(params.id), target)
	);
	return { target, description };
};

export const actions = {
	default: async ({ locals, params, request, url }) => {
		guardPage(locals, 'organisation.edit', { organisationId: idParam(params.id) });
		const form = await request.formData();
		const parsed = parseForm(form, descriptionSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await saveTranslation(locals.ctx, idParam(params.id), targetLocale(url), parsed.data.body);
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	}
};
