import { readCircular } from '#lib/server/circulars/circulars.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'circulars.read');
	const view = await orHttpError(locals.locale, () =>
		readCircular(locals.ctx, idParam(params.id), locals.locale)
	);
	return {
		id: view.circular.id,
		sentAt: view.circular.sentAt,
		title: view.title,
		body: view.body,
		textLocale: view.locale,
		attachments: view.circular.attachments.map((a) => ({ name: a.name, size: a.size }))
	};
};
