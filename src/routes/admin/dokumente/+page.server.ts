import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localizePath } from '#lib/i18n/locales.ts';
import { documentSchema } from '#lib/schemas/library.ts';
import { required } from '#lib/schemas/fields.ts';
import { appStorage } from '#lib/server/app.ts';
import { Invalid } from '#lib/server/errors.ts';
import { browseLibrary, createDocument, createFolder } from '#lib/server/library/library.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'documents.manage');
	return browseLibrary(locals.ctx, { q: '', folderId: null, language: '' });
};

export const actions = {
	create: async ({ locals, request }) => {
		guardPage(locals, 'documents.manage');
		const form = await request.formData();
		const parsed = parseForm(form, documentSchema);
		if (parsed.failure) return parsed.failure;
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return failWith(new Invalid('documents_file_missing', 'none', 'file'), form);
		let id: number;
		try {
			id = await createDocument(locals.ctx, appStorage(), parsed.data, {
				bytes: new Uint8Array(await file.arrayBuffer()),
				name: file.name
			});
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath(`/admin/dokumente/${id}`, locals.locale));
	},
	folder: async ({ locals, request }) => {
		guardPage(locals, 'documents.manage');
		const form = await request.formData();
		const parsed = parseForm(form, z.object({ name: required(120) }));
		if (parsed.failure) return { ...parsed.failure.data, folderFailed: true };
		await createFolder(locals.ctx, parsed.data.name);
		return { folderSaved: true };
	}
};
