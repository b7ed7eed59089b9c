import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { berlinToInstant } from '#lib/events/time.ts';
import { buildCalendar, escapeText, foldLine, type CalendarEntry } from './ical.ts';

function entry(id: number, date: string, overrides: Partial<CalendarEntry> = {}): CalendarEntry {
	return {
		uid: `event-${id}@miteinander-sachsen`,
		sequence: 2,
		updatedAt: new Date('2027-01-10T10:00:00Z'),
		startsAt: berlinToInstant(date, '10:00')!,
		endsAt: berlinToInstant(date, '16:30')!,
		title: 'Fortbildung: Vereinsrecht; Förderanträge, Teil 1',
		description: 'Zeile eins\nZeile zwei mit Umlauten äöü und ein sehr langer Satz, '.repeat(4),
		location: 'Haus der Begegnung, Hauptstraße 1, 04109 Leipzig',
		url: `https://example.org/veranstaltungen/${id}`,
		cancelled: false,
		...overrides
	};
}

/** Parses with ical.js (Mozilla's parser, as used by Thunderbird) and reads the UTC instants. */
function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
	return calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		return {
			uid: event.uid,
			summary: event.summary,
			description: event.description,
			location: event.location,
			sequence: event.sequence,
			status: vevent.getFirstPropertyValue('status'),
			start: event.startDate.toJSDate().toISOString(),
			end: event.endDate.toJSDate().toISOString(),
			offset: event.startDate.utcOffset() / 60
		};
	});
}

describe('iCalendar', () => {
	it('parses with a standard parser and gets the UTC offsets right around the March change', () => {
		const ics = buildCalendar('Veranstaltungen', [entry(1, '2027-03-27'), entry(2, '2027-03-28')]);
		const [before, after] = parse(ics);
		expect(before!.start).toBe('2027-03-27T09:00:00.000Z');
		expect(before!.offset).toBe(60);
		expect(after!.start).toBe('2027-03-28T08:00:00.000Z');
		expect(after!.end).toBe('2027-03-28T14:30:00.000Z');
		expect(after!.offset).toBe(120);
	});

	it('gets the October change right as well', () => {
		const [before, after] = parse(buildCalendar('x', [entry(3, '2027-10-30'), entry(4, '2027-10-31')]));
		expect(before!.start).toBe('2027-10-30T08:00:00.000Z');
		expect(after!.start).toBe('2027-10-31T09:00:00.000Z');
	});

	it('keeps text intact through escaping and folding, with stable UIDs and the sequence', () => {
		const original = entry(5, '2027-05-05');
		const ics = buildCalendar('x', [original]);
		expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
		const [parsed] = parse(ics);
		expect(parsed!.uid).toBe('event-5@miteinander-sachsen');
		expect(parsed!.summary).toBe(original.title);
		expect(parsed!.description).toBe(original.description);
		expect(parsed!.location).toBe(original.location);
		expect(parsed!.sequence).toBe(2);
		expect(parsed!.status).toBe('CONFIRMED');
	});

	it('marks cancellations', () => {
		const [parsed] = parse(buildCalendar('x', [entry(6, '2027-05-05', { cancelled: true, sequence: 3 })]));
		expect(parsed!.status).toBe('CANCELLED');
		expect(parsed!.sequence).toBe(3);
	});

	it('escapes and folds by octets without splitting characters', () => {
		expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
		const folded = foldLine(`SUMMARY:${'ä'.repeat(60)}`);
		for (const line of folded.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ä'.repeat(60)}`);
	});
});
