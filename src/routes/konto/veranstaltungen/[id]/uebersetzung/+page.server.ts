import { error } from '@sveltejs/kit';
import { BASE_LOCALE, isLocale } from '#lib/i18n/locales.ts';
import { eventTranslationSchema } from '#lib/schemas/events.ts';
import { getEventTranslation, saveEventTranslation } from '#lib/server/events/events.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardEventPages } from '#lib/server/events/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

function targetLocale(url: URL) {
	const locale = url.searchParams.get('sprache');
	if (!isLocale(locale) || locale === BASE_LOCALE) error(404);
	return locale;
}

export const load = async ({ locals, params, url }) => {
	guardEventPages(locals);
	const target = targetLocale(url);
	const view = await orHttpError(locals.locale, () =>
		getEventTranslation(locals.ctx, idParam(params.id), target)
	);
	return { target, ...view };
};

export const actions = {
	default: async ({ locals, params, request, url }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, eventTranslationSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await saveEventTranslation(locals.ctx, idParam(params.id), targetLocale(url), parsed.data);
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	}
};
