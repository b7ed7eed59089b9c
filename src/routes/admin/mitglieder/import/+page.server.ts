import { fail } from '@sveltejs/kit';
import { appStorage } from '#lib/server/app.ts';
import { confirmImport, previewImport } from '#lib/server/membership/import.service.ts';
import { failWith, type FieldErrors } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = ({ locals }) => {
	guardPage(locals, 'membership.register');
	return {};
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
		try {
			return { imported: await confirmImport(locals.ctx, appStorage(), String(form.get('key') ?? '')) };
		} catch (error) {
			return failWith(error, form);
		}
	}
};
