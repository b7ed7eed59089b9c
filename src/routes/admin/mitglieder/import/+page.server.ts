import { fail, redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { appStorage, kickJobs } from '#lib/server/app.ts';
import { confirmImport, importProgress, previewImport } from '#lib/server/membership/import.service.ts';
import { failWith, type FieldErrors } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals, url }) => {
	guardPage(locals, 'membership.register');
	const run = Number(url.searchParams.get('lauf'));
	if (!Number.isInteger(run) || run <= 0) return { progress: null };
	return { progress: await orHttpError(locals.locale, () => importProgress(locals.ctx, run)) };
};

export const actions = {
	preview: async ({ locals, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) {
			const errors: FieldErrors = { file: 'membership_import_file_missing' };
			return fail(400, { values: {}, errors });
		}
		try {
			return {
				preview: await previewImport(locals.ctx, appStorage(), new Uint8Array(await file.arrayBuffer()))
			};
		} catch (error) {
			return failWith(error, form, 'file');
		}
	},
	confirm: async ({ locals, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		let run: number;
		try {
			run = await confirmImport(locals.ctx, appStorage(), String(form.get('key') ?? ''));
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		redirect(303, `${localizePath('/admin/mitglieder/import', locals.locale)}?lauf=${run}`);
	}
};
