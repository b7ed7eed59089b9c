import { parseCalendarQuery } from '#lib/events/query.ts';
import { calendarFeed } from '#lib/server/events/calendar.service.ts';

/** A subscribable feed; the calendar's filters (district, type, language, organiser) apply. */
export const GET = async ({ locals, url }) => {
	const ics = await calendarFeed(locals.ctx, parseCalendarQuery(url.searchParams), url.origin, locals.locale);
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="veranstaltungen.ics"',
			'cache-control': 'public, max-age=900'
		}
	});
};
