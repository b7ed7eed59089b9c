import { listRevisions } from '#lib/server/content/editor.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'content.edit');
	return orHttpError(locals.locale, () => listRevisions(locals.ctx, idParam(params.id)));
};
