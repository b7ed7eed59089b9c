import { parseCalendarQuery } from '#lib/events/query.ts';
import { browseCalendar } from '#lib/server/events/calendar.service.ts';

export const load = async ({ locals, url }) => {
	const query = parseCalendarQuery(url.searchParams);
	return { query, calendar: await browseCalendar(locals.ctx, query, locals.locale) };
};
