import { error } from '@sveltejs/kit';
import { BASE_LOCALE, isLocale } from '#lib/i18n/locales.ts';
import { translationSchema } from '#lib/schemas/content.ts';
import { getTranslationView, saveTranslation } from '#lib/server/content/editor.service.ts';
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
	guardPage(locals, 'content.edit');
	const target = targetLocale(url);
	return {
		target,
		...(await orHttpError(locals.locale, () => getTranslationView(locals.ctx, idParam(params.id), target)))
	};
};

export const actions = {
	default: async ({ locals, params, request, url }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, translationSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await saveTranslation(locals.ctx, idParam(params.id), targetLocale(url), parsed.data);
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	}
};
