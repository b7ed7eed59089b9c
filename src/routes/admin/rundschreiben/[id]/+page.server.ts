import { circularReceipts } from '#lib/server/circulars/circulars.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'circulars.send');
	return orHttpError(locals.locale, () => circularReceipts(locals.ctx, idParam(params.id)));
};
