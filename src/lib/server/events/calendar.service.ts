import type { CalendarQuery } from '#lib/events/query.ts';
import { addDays, berlinDate, startOfBerlinDay } from '#lib/events/time.ts';
import { localizePath, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { canManageEvent } from './access.ts';
import * as queries from './events.queries.ts';
import { buildCalendar, calendarEntry } from './feeds.ts';
import { registrationClosedReason } from './registration.service.ts';
import { registrationToken } from './registration-link.ts';

export const CALENDAR_PAGE_SIZE = 20;
/** Feeds keep recent past events so that apps do not drop them the moment they end. */
const FEED_HISTORY_DAYS = 60;

export interface CalendarItem {
	id: number;
	title: string;
	type: queries.EventRow['type'];
	cancelled: boolean;
	startsAt: Date;
	endsAt: Date;
	online: boolean;
	municipality: string;
	districtKey: string | null;
	organiserName: string | null;
	organiserSlug: string | null;
	languages: string[];
	placesLeft: number | null;
	/** The registration is open now (and places or a waitlist remain). */
	open: boolean;
}

function filtersOf(query: CalendarQuery): queries.CalendarFilters {
	return {
		districtKey: query.district || undefined,
		type: query.type || undefined,
		language: query.language || undefined,
		organiser: query.organiser || undefined,
		from: query.from ? startOfBerlinDay(query.from) : undefined,
		to: query.to ? startOfBerlinDay(addDays(query.to, 1)) : undefined,
		past: query.past
	};
}

function toItem(
	row: Awaited<ReturnType<typeof queries.listCalendar>>['rows'][number],
	now: Date
): CalendarItem {
	const e = row.event;
	const placesLeft = e.capacity === null ? null : Math.max(0, e.capacity - row.confirmed);
	return {
		id: e.id,
		title: row.translatedTitle || e.title,
		type: e.type,
		cancelled: e.status === 'cancelled',
		startsAt: e.startsAt,
		endsAt: e.endsAt,
		online: e.online,
		municipality: e.municipality,
		districtKey: e.districtKey,
		organiserName: row.organiserName,
		organiserSlug: row.organiserSlug,
		languages: e.languages,
		placesLeft,
		open: registrationClosedReason(e, now) === null && (placesLeft !== 0 || e.waitlist)
	};
}

export interface MonthDay {
	date: string;
	inMonth: boolean;
	items: CalendarItem[];
}

/** The month grid: whole weeks from Monday, each day with the events that touch it. */
function monthGrid(month: string, items: CalendarItem[]): MonthDay[][] {
	const first = `${month}-01`;
	const weekday = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
	let day = addDays(first, -weekday);
	const weeks: MonthDay[][] = [];
	do {
		const week: MonthDay[] = [];
		for (let i = 0; i < 7; i++) {
			const start = startOfBerlinDay(day);
			const end = startOfBerlinDay(addDays(day, 1));
			week.push({
				date: day,
				inMonth: day.startsWith(month),
				items: items.filter((item) => item.startsAt < end && item.endsAt > start)
			});
			day = addDays(day, 1);
		}
		weeks.push(week);
	} while (day.startsWith(month));
	return weeks;
}

export async function browseCalendar(
	ctx: ServiceContext,
	query: CalendarQuery,
	locale: Locale,
	now = new Date()
) {
	requireAccess(ctx.actor, 'events.read');
	const organisers = await queries.calendarOrganisers(ctx.db);
	if (query.view === 'month') {
		const month = query.month || berlinDate(now).slice(0, 7);
		const from = startOfBerlinDay(`${month}-01`);
		const to = startOfBerlinDay(addDays(`${month}-01`, 31).slice(0, 7) + '-01');
		const filters = { ...filtersOf(query), from, to, past: undefined };
		// The month view shows past days of the month too.
		const { rows } = await queries.listCalendar(ctx.db, { ...filters, past: false }, locale, {
			now: from,
			limit: 500,
			offset: 0
		});
		const items = rows.map((row) => toItem(row, now));
		const previous = addDays(`${month}-01`, -1).slice(0, 7);
		const next = addDays(`${month}-01`, 31).slice(0, 7);
		return {
			kind: 'month' as const,
			month,
			previous,
			next,
			weeks: monthGrid(month, items),
			total: items.length,
			organisers
		};
	}
	const { rows, total } = await queries.listCalendar(ctx.db, filtersOf(query), locale, {
		now,
		limit: CALENDAR_PAGE_SIZE,
		offset: (query.page - 1) * CALENDAR_PAGE_SIZE
	});
	return {
		kind: 'list' as const,
		items: rows.map((row) => toItem(row, now)),
		total,
		pages: Math.max(1, Math.ceil(total / CALENDAR_PAGE_SIZE)),
		organisers
	};
}

/** The next events (the home page shows a few). */
export async function nextEvents(ctx: ServiceContext, locale: Locale, limit: number, now = new Date()) {
	requireAccess(ctx.actor, 'events.read');
	const { rows } = await queries.listCalendar(ctx.db, {}, locale, { now, limit, offset: 0 });
	return rows.map((row) => toItem(row, now));
}

/** Upcoming events of one organisation (its directory profile lists them). */
export async function upcomingEventsOf(
	ctx: ServiceContext,
	organiserSlug: string,
	locale: Locale,
	now = new Date()
) {
	requireAccess(ctx.actor, 'events.read');
	const { rows } = await queries.listCalendar(ctx.db, { organiser: organiserSlug }, locale, {
		now,
		limit: 10,
		offset: 0
	});
	return rows.map((row) => toItem(row, now));
}

/** The public event page: visible when published or cancelled, or to those who manage it. */
export async function getEventPage(ctx: ServiceContext, eventId: number, locale: Locale, now = new Date()) {
	requireAccess(ctx.actor, 'events.read');
	const row = await queries.findEvent(ctx.db, eventId);
	if (!row) throw new NotFound(`event ${eventId}`);
	const manages = canManageEvent(ctx.actor, row.event);
	if (row.event.status !== 'published' && row.event.status !== 'cancelled' && !manages)
		throw new NotFound(`event ${eventId}`);
	const e = row.event;
	const translation = (await queries.translationsOf(ctx.db, e.id)).find((t) => t.locale === locale);
	const confirmed = await queries.countConfirmed(ctx.db, e.id);
	const mine = ctx.actor.userId
		? await queries.activeRegistrationOfUser(ctx.db, e.id, ctx.actor.userId)
		: undefined;
	const placesLeft = e.capacity === null ? null : Math.max(0, e.capacity - confirmed);
	const closed = registrationClosedReason(e, now);
	return {
		event: e,
		title: translation?.title || e.title,
		description: translation?.description || e.description,
		imageAlt: translation?.imageAlt || e.imageAlt,
		/** Which language the shown text is in (the German source where no translation exists). */
		textLocale: (translation?.title ? locale : 'de') as Locale,
		organiserName: row.organiserName,
		organiserSlug: row.organiserSlug,
		placesLeft,
		closed: closed ?? (placesLeft === 0 && !e.waitlist ? ('events_full_closed' as const) : null),
		full: placesLeft === 0,
		mine: mine ? { status: mine.status, token: await registrationToken(ctx.db, mine.id) } : null,
		manages
	};
}

function eventUrl(origin: string, locale: Locale, id: number) {
	return `${origin}${localizePath(`/veranstaltungen/${id}`, locale)}`;
}

/** One event as an .ics file (public events only). */
export async function eventCalendarFile(
	ctx: ServiceContext,
	eventId: number,
	origin: string,
	locale: Locale
) {
	const view = await getEventPage(ctx, eventId, locale);
	if (view.event.status !== 'published' && view.event.status !== 'cancelled') throw new NotFound('event');
	return buildCalendar(view.title, [
		calendarEntry(view.event, {
			title: view.title,
			description: view.description,
			url: eventUrl(origin, locale, eventId),
			cancelledPrefix: m.events_cancelled_prefix({}, { locale })
		})
	]);
}

/** A subscribable feed for the calendar's filters: upcoming events and those of the last weeks. */
export async function calendarFeed(
	ctx: ServiceContext,
	query: CalendarQuery,
	origin: string,
	locale: Locale,
	now = new Date()
) {
	requireAccess(ctx.actor, 'events.read');
	const since = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
	const { rows } = await queries.listCalendar(ctx.db, { ...filtersOf({ ...query, past: false }) }, locale, {
		now: since,
		limit: 1000,
		offset: 0
	});
	const name =
		query.organiser && rows[0]?.organiserName ? rows[0].organiserName : m.events_feed_name({}, { locale });
	return buildCalendar(
		name,
		rows.map((row) =>
			calendarEntry(row.event, {
				title: row.translatedTitle || row.event.title,
				description: row.translatedDescription || row.event.description,
				url: eventUrl(origin, locale, row.event.id),
				cancelledPrefix: m.events_cancelled_prefix({}, { locale })
			})
		)
	);
}
