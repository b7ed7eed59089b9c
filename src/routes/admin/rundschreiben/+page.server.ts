import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { DISTRICT_KEYS } from '#lib/directory/directory.ts';
import { LOCALES, localizePath } from '#lib/i18n/locales.ts';
import { MEMBERSHIP_FORMS } from '#lib/server/db/schema/index.ts';
import { listOf, required } from '#lib/schemas/fields.ts';
import { appStorage } from '#lib/server/app.ts';
import { sendCircular, sentCirculars } from '#lib/server/circulars/circulars.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'circulars.send');
	return { sent: await sentCirculars(locals.ctx) };
};

const circularSchema = z.object({
	title: required(200),
	body: required(20_000),
	forms: listOf(MEMBERSHIP_FORMS, MEMBERSHIP_FORMS.length),
	districtKeys: listOf(DISTRICT_KEYS, DISTRICT_KEYS.length)
});

export const actions = {
	default: async ({ locals, request, url }) => {
		guardPage(locals, 'circulars.send');
		const form = await request.formData();
		const parsed = parseForm(form, circularSchema);
		if (parsed.failure) return parsed.failure;
		const translations = Object.fromEntries(
			LOCALES.filter((l) => l !== 'de')
				.map(
					(l) =>
						[
							l,
							{
								title: String(form.get(`title_${l}`) ?? '')
									.trim()
									.slice(0, 200),
								body: String(form.get(`body_${l}`) ?? '')
									.trim()
									.slice(0, 20_000)
							}
						] as const
				)
				.filter(([, t]) => t.title && t.body)
		);
		const files = await Promise.all(
			form
				.getAll('attachments')
				.filter((f): f is File => f instanceof File && f.size > 0)
				.slice(0, 5)
				.map(async (f) => ({ bytes: new Uint8Array(await f.arrayBuffer()), name: f.name }))
		);
		let id: number;
		try {
			id = await sendCircular(locals.ctx, appStorage(), { ...parsed.data, translations }, files, url.origin);
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath(`/admin/rundschreiben/${id}`, locals.locale));
	}
};
