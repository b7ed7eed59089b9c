import type { MailAttachment } from '#lib/server/db/schema/index.ts';
import type { EventRow } from './events.queries.ts';
import { buildCalendar, type CalendarEntry } from './ical.ts';

/** The place as one line: venue, street, postcode and town, or "Online". */
export function placeText(
	event: Pick<EventRow, 'online' | 'venue' | 'street' | 'postalCode' | 'municipality'>
) {
	if (event.online) return 'Online';
	return [event.venue, event.street, [event.postalCode, event.municipality].filter(Boolean).join(' ')]
		.filter(Boolean)
		.join(', ');
}

/** UIDs stay the same for an event's whole life, whatever host serves the feed. */
export function eventUid(eventId: number): string {
	return `event-${eventId}@miteinander-sachsen`;
}

export function calendarEntry(
	event: EventRow,
	texts: { title: string; description: string; url: string; cancelledPrefix: string }
): CalendarEntry {
	const cancelled = event.status === 'cancelled';
	return {
		uid: eventUid(event.id),
		sequence: event.sequence,
		updatedAt: event.updatedAt,
		startsAt: event.startsAt,
		endsAt: event.endsAt,
		title: cancelled ? `${texts.cancelledPrefix} ${texts.title}` : texts.title,
		description: [texts.description, texts.url].filter(Boolean).join('\n\n'),
		location: placeText(event),
		url: texts.url,
		cancelled
	};
}

/** One event as an .ics attachment for the confirmation mail. */
export function calendarFile(event: EventRow, title: string, url: string): MailAttachment {
	return {
		filename: 'veranstaltung.ics',
		contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
		content: buildCalendar(title, [
			calendarEntry(event, { title, description: '', url, cancelledPrefix: '✕' })
		])
	};
}

export { buildCalendar };
