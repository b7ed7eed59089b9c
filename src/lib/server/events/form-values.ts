import { berlinDate, berlinTime } from '#lib/events/time.ts';
import type { EventRow } from './events.queries.ts';

const flag = (on: boolean) => (on ? 'on' : '');

/** A saved event as the form's values (Berlin wall-clock dates and times). */
export function eventFormValues(event: EventRow) {
	const values: Record<string, string> = {
		type: event.type,
		title: event.title,
		description: event.description,
		startDate: berlinDate(event.startsAt),
		startTime: berlinTime(event.startsAt),
		endDate: berlinDate(event.endsAt),
		endTime: berlinTime(event.endsAt),
		online: flag(event.online),
		onlineUrl: event.onlineUrl,
		venue: event.venue,
		street: event.street,
		postalCode: event.postalCode,
		municipality: event.municipality,
		districtKey: event.districtKey ?? '',
		stepFree: flag(event.stepFree),
		accessibility: event.accessibility,
		targetGroup: event.targetGroup,
		cost: event.cost,
		capacity: event.capacity === null ? '' : String(event.capacity),
		registration: flag(event.registration),
		opensDate: event.registrationOpensAt ? berlinDate(event.registrationOpensAt) : '',
		opensTime: event.registrationOpensAt ? berlinTime(event.registrationOpensAt) : '',
		closesDate: event.registrationClosesAt ? berlinDate(event.registrationClosesAt) : '',
		closesTime: event.registrationClosesAt ? berlinTime(event.registrationClosesAt) : '',
		requiresApproval: flag(event.requiresApproval),
		waitlist: flag(event.waitlist),
		hours: event.hours ?? ''
	};
	event.questions.forEach((q, i) => {
		values[`question${i + 1}Label`] = q.label;
		values[`question${i + 1}Kind`] = q.kind;
		values[`question${i + 1}Required`] = flag(q.required);
	});
	return { values, lists: { languages: event.languages } };
}

/** A new event's defaults: registration on, waitlist on. */
export const NEW_EVENT_VALUES = {
	values: { registration: 'on', waitlist: 'on' } as Record<string, string>,
	lists: {} as Record<string, string[]>
};
