import { eventCalendarFile } from '#lib/server/events/calendar.service.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const GET = async ({ locals, params, url }) => {
	const id = idParam(params.id);
	const ics = await orHttpError(locals.locale, () =>
		eventCalendarFile(locals.ctx, id, url.origin, locals.locale)
	);
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="veranstaltung-${id}.ics"`,
			'cache-control': 'no-cache'
		}
	});
};
