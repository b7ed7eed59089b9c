import { BASE_LOCALE, isLocale, type Locale } from '#lib/i18n/locales.ts';
import { formatPeriod } from '#lib/i18n/format.ts';
import { m } from '#lib/i18n/messages.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import * as queries from './events.queries.ts';
import { calendarFile } from './feeds.ts';
import { registrationUrl } from './registration-link.ts';

type EventRow = queries.EventRow;
type RegistrationRow = queries.RegistrationRow;

/** The event's title in the reader's language where a translation exists. */
async function titlesOf(db: DbOrTx, event: EventRow): Promise<(locale: Locale) => string> {
	const translations = await queries.translationsOf(db, event.id);
	return (locale) => translations.find((t) => t.locale === locale)?.title || event.title;
}

function placeLine(event: EventRow, o: { locale: Locale }, withLink: boolean): string {
	if (event.online) {
		return withLink && event.onlineUrl
			? m.mail_event_online_link({ url: event.onlineUrl }, o)
			: m.mail_event_online({}, o);
	}
	const place = [event.venue, event.street, [event.postalCode, event.municipality].filter(Boolean).join(' ')]
		.filter(Boolean)
		.join(', ');
	return m.mail_event_place({ place }, o);
}

/** Title, time and place lines of every event mail. */
function detailLines(event: EventRow, title: string, o: { locale: Locale }, withLink: boolean) {
	return [
		m.mail_event_what({ title }, o),
		m.mail_event_when({ period: formatPeriod(event.startsAt, event.endsAt, o.locale) }, o),
		placeLine(event, o, withLink)
	];
}

/** What a registration's status means for the person, in the mail that tells them. */
const STATUS_TEXT = {
	confirmed: m.mail_registration_confirmed,
	waitlisted: m.mail_registration_waitlisted,
	pending: m.mail_registration_pending
} as const;

/**
 * The mail after registering (or registering again): the status, the details, the private link
 * (to cancel, see the online link, get a certificate) and, when confirmed, the .ics file.
 */
export async function queueRegistrationMail(
	db: DbOrTx,
	event: EventRow,
	registration: RegistrationRow,
	kind: 'registered' | 'promoted'
) {
	const status = registration.status as keyof typeof STATUS_TEXT;
	const title = await titlesOf(db, event);
	const url = await registrationUrl(db, registration);
	const confirmed = registration.status === 'confirmed';
	await queueComposedMail(
		db,
		registration,
		kind === 'promoted' ? 'event_promoted' : 'event_registration',
		(o) => ({
			subject: (kind === 'promoted' ? m.mail_event_promoted_subject : m.mail_event_registration_subject)(
				{ title: title(o.locale) },
				o
			),
			paragraphs: [
				m.mail_greeting({ name: registration.name }, o),
				kind === 'promoted' ? m.mail_registration_promoted({}, o) : STATUS_TEXT[status]({}, o),
				...detailLines(event, title(o.locale), o, confirmed),
				...(confirmed ? [m.mail_event_ics_attached({}, o)] : []),
				m.mail_registration_link_hint({}, o)
			],
			action: { label: m.mail_registration_open({}, o), url }
		}),
		// The .ics carries the title in the registrant's language too.
		confirmed ? [calendarFile(event, title(localeOf(registration)), url)] : []
	);
}

const localeOf = (registration: RegistrationRow): Locale =>
	isLocale(registration.locale) ? registration.locale : BASE_LOCALE;

export async function queueDeclinedMail(db: DbOrTx, event: EventRow, registration: RegistrationRow) {
	const title = await titlesOf(db, event);
	await queueComposedMail(db, registration, 'event_declined', (o) => ({
		subject: m.mail_event_declined_subject({ title: title(o.locale) }, o),
		paragraphs: [m.mail_greeting({ name: registration.name }, o), m.mail_registration_declined({}, o)]
	}));
}

export async function queueReminderMail(db: DbOrTx, event: EventRow, registration: RegistrationRow) {
	const title = await titlesOf(db, event);
	const url = await registrationUrl(db, registration);
	await queueComposedMail(db, registration, 'event_reminder', (o) => ({
		subject: m.mail_event_reminder_subject({ title: title(o.locale) }, o),
		paragraphs: [
			m.mail_greeting({ name: registration.name }, o),
			m.mail_event_reminder_text({}, o),
			...detailLines(event, title(o.locale), o, true),
			m.mail_registration_cancel_hint({}, o)
		],
		action: { label: m.mail_registration_open({}, o), url }
	}));
}

/** Everyone registered or waiting learns that the event is cancelled. */
export async function queueEventCancelledMails(db: DbOrTx, event: EventRow) {
	const title = await titlesOf(db, event);
	for (const registration of await queries.registrationsOf(db, event.id)) {
		if (!['pending', 'confirmed', 'waitlisted'].includes(registration.status)) continue;
		await queueComposedMail(db, registration, 'event_cancelled', (o) => ({
			subject: m.mail_event_cancelled_subject({ title: title(o.locale) }, o),
			paragraphs: [
				m.mail_greeting({ name: registration.name }, o),
				m.mail_event_cancelled_text({ title: title(o.locale) }, o),
				...(event.cancelReason ? [m.mail_event_cancelled_reason({ reason: event.cancelReason }, o)] : [])
			]
		}));
	}
}

/** An organiser's message to the participants (and, if chosen, the waitlist). */
export async function queueParticipantMessage(
	db: DbOrTx,
	event: EventRow,
	recipients: RegistrationRow[],
	message: { subject: string; body: string }
) {
	const title = await titlesOf(db, event);
	for (const registration of recipients) {
		const url = await registrationUrl(db, registration);
		await queueComposedMail(db, registration, 'event_message', (o) => ({
			subject: message.subject,
			paragraphs: [
				m.mail_event_message_intro({ title: title(o.locale) }, o),
				...message.body
					.split(/\n\s*\n/)
					.map((p) => p.trim())
					.filter(Boolean)
			],
			action: { label: m.mail_registration_open({}, o), url }
		}));
	}
}

/** Tells the event's author how the editors decided. */
export async function queueEventDecisionMail(db: DbOrTx, event: EventRow, published: boolean, note: string) {
	if (!event.createdBy) return;
	const author = await findUserById(db, event.createdBy);
	if (!author) return;
	await queueComposedMail(db, { email: author.email, locale: author.locale }, 'event_decision', (o) => ({
		subject: m.mail_event_decision_subject({ title: event.title }, o),
		paragraphs: [
			m.mail_greeting({ name: author.name }, o),
			published
				? m.mail_event_published({ title: event.title }, o)
				: m.mail_event_returned({ title: event.title }, o),
			...(note ? [m.mail_directory_decision_note({ note }, o)] : [])
		]
	}));
}
