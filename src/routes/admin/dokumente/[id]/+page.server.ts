import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { documentSchema } from '#lib/schemas/library.ts';
import { appStorage } from '#lib/server/app.ts';
import { Invalid } from '#lib/server/errors.ts';
import {
	addVersion,
	browseLibrary,
	deleteDocument,
	getDocument,
	updateDocument
} from '#lib/server/library/library.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'documents.manage');
	const view = await orHttpError(locals.locale, () => getDocument(locals.ctx, idParam(params.id)));
	const { folders } = await browseLibrary(locals.ctx, { q: '', folderId: -1, language: '' });
	const d = view.document;
	return {
		...view,
		folders,
		values: {
			title: d.title,
			description: d.description,
			tags: d.tags.join(', '),
			language: d.language,
			access: d.access,
			folderId: d.folderId ? String(d.folderId) : ''
		}
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		guardPage(locals, 'documents.manage');
		const form = await request.formData();
		const parsed = parseForm(form, documentSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateDocument(locals.ctx, idParam(params.id), parsed.data);
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	},
	version: async ({ locals, params, request }) => {
		guardPage(locals, 'documents.manage');
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return failWith(new Invalid('documents_file_missing', 'none', 'file'), form, 'file');
		try {
			await addVersion(
				locals.ctx,
				appStorage(),
				idParam(params.id),
				{ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
				String(form.get('note') ?? '').slice(0, 300)
			);
		} catch (e) {
			return failWith(e, form, 'file');
		}
		return { versionSaved: true };
	},
	delete: async ({ locals, params, request }) => {
		guardPage(locals, 'documents.manage');
		const form = await request.formData();
		try {
			await deleteDocument(locals.ctx, appStorage(), idParam(params.id));
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath('/admin/dokumente', locals.locale));
	}
};
