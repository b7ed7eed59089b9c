import { error } from '@sveltejs/kit';
import { appStorage } from '#lib/server/app.ts';
import { circularAttachment } from '#lib/server/circulars/circulars.service.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const GET = async ({ locals, params }) => {
	guardPage(locals, 'circulars.read');
	if (!/^\d{1,2}$/.test(params.n)) error(404);
	return downloadResponse(
		await orHttpError(locals.locale, () =>
			circularAttachment(locals.ctx, appStorage(), idParam(params.id), Number(params.n))
		)
	);
};
