import { berlinParts, EVENT_TIME_ZONE } from '#lib/events/time.ts';

/**
 * iCalendar (RFC 5545) for events: times in Europe/Berlin with its VTIMEZONE (the EU rules in
 * force since 1996), a stable UID per event and a SEQUENCE that grows with every change, so that
 * calendar apps update or cancel the copy they already have.
 */
export interface CalendarEntry {
	uid: string;
	sequence: number;
	updatedAt: Date;
	startsAt: Date;
	endsAt: Date;
	title: string;
	description: string;
	location: string;
	url: string;
	/** Calendar apps that ignore STATUS still show the title: callers prefix it when cancelled. */
	cancelled: boolean;
}

const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${EVENT_TIME_ZONE}`,
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19810329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19961027T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local Berlin time as `YYYYMMDDTHHMMSS` (used with TZID). */
function localStamp(instant: Date): string {
	const p = berlinParts(instant);
	return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

function utcStamp(instant: Date): string {
	return instant
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\r\n?/g, '\n')
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const out: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const bytes = encoder.encode(char).length;
		const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
		if (size + bytes > limit) {
			out.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += bytes;
	}
	out.push(current);
	return out.join('\r\n ');
}

function entryLines(entry: CalendarEntry): string[] {
	const lines = [
		'BEGIN:VEVENT',
		`UID:${entry.uid}`,
		`SEQUENCE:${entry.sequence}`,
		`DTSTAMP:${utcStamp(entry.updatedAt)}`,
		`LAST-MODIFIED:${utcStamp(entry.updatedAt)}`,
		`DTSTART;TZID=${EVENT_TIME_ZONE}:${localStamp(entry.startsAt)}`,
		`DTEND;TZID=${EVENT_TIME_ZONE}:${localStamp(entry.endsAt)}`,
		`SUMMARY:${escapeText(entry.title)}`,
		`STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		`URL:${entry.url}`
	];
	if (entry.location) lines.push(`LOCATION:${escapeText(entry.location)}`);
	if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
	lines.push('END:VEVENT');
	return lines;
}

/** A whole calendar (one event's file or a feed), CRLF line ends, lines folded. */
export function buildCalendar(name: string, entries: CalendarEntry[]): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Miteinander//Veranstaltungen//DE',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(name)}`,
		`X-WR-TIMEZONE:${EVENT_TIME_ZONE}`,
		'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
		'X-PUBLISHED-TTL:PT6H',
		...VTIMEZONE,
		...entries.flatMap(entryLines),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
