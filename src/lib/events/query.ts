import { DIRECTORY_LANGUAGES, isDistrictKey } from '#lib/directory/directory.ts';
import { EVENT_TYPES, type EventType } from './events.ts';

/** The calendar's filters as they appear in the URL (German parameter names, like the directory). */
export interface CalendarQuery {
	district: string;
	type: EventType | '';
	language: string;
	organiser: string;
	from: string;
	to: string;
	view: 'list' | 'month';
	/** `YYYY-MM` for the month view. */
	month: string;
	past: boolean;
	page: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseCalendarQuery(params: URLSearchParams): CalendarQuery {
	const type = params.get('art') ?? '';
	const language = params.get('sprache') ?? '';
	const organiser = params.get('veranstalter') ?? '';
	const from = params.get('von') ?? '';
	const to = params.get('bis') ?? '';
	const month = params.get('monat') ?? '';
	const page = Number(params.get('seite'));
	return {
		district: isDistrictKey(params.get('bezirk')) ? params.get('bezirk')! : '',
		type: (EVENT_TYPES as readonly string[]).includes(type) ? (type as EventType) : '',
		language: (DIRECTORY_LANGUAGES as readonly string[]).includes(language) ? language : '',
		organiser: /^[a-z0-9-]{1,120}$/.test(organiser) ? organiser : '',
		from: DATE.test(from) && !Number.isNaN(Date.parse(from)) ? from : '',
		to: DATE.test(to) && !Number.isNaN(Date.parse(to)) ? to : '',
		view: params.get('ansicht') === 'monat' ? 'month' : 'list',
		month: /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : '',
		past: params.get('archiv') === '1',
		page: Number.isInteger(page) && page > 1 && page < 1000 ? page : 1
	};
}

/** The URL parameters for a query (only what differs from the defaults), with overrides. */
export function calendarParams(
	query: CalendarQuery,
	overrides: Partial<CalendarQuery> = {}
): URLSearchParams {
	const q = { ...query, ...overrides };
	const params = new URLSearchParams();
	if (q.district) params.set('bezirk', q.district);
	if (q.type) params.set('art', q.type);
	if (q.language) params.set('sprache', q.language);
	if (q.organiser) params.set('veranstalter', q.organiser);
	if (q.from) params.set('von', q.from);
	if (q.to) params.set('bis', q.to);
	if (q.view === 'month') params.set('ansicht', 'monat');
	if (q.view === 'month' && q.month) params.set('monat', q.month);
	if (q.past) params.set('archiv', '1');
	if (q.page > 1) params.set('seite', String(q.page));
	return params;
}
