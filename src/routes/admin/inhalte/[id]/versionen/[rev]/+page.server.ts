import { error, redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { getRevision, restoreRevision } from '#lib/server/content/editor.service.ts';
import { failWith } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'content.edit');
	const view = await orHttpError(locals.locale, () => getRevision(locals.ctx, idParam(params.rev)));
	if (view.revision.pageId !== idParam(params.id)) error(404);
	return view;
};

export const actions = {
	default: async ({ locals, params, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		try {
			await restoreRevision(locals.ctx, idParam(params.rev));
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, `${localizePath(`/admin/inhalte/${idParam(params.id)}/versionen`, locals.locale)}`);
	}
};
