import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY } from '#lib/directory/directory.ts';
import { parseCalendarQuery } from '#lib/events/query.ts';
import { berlinToInstant } from '#lib/events/time.ts';
import { eventSchema, type EventInput } from '#lib/schemas/events.ts';
import type { Database } from '#lib/server/db/client.ts';
import { insertUser, grantRole, organisationRolesOf } from '#lib/server/accounts/accounts.queries.ts';
import { eventRegistrations, organisationRoles, organisations, outbox } from '#lib/server/db/schema/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#lib/server/errors.ts';
import { browseCalendar, calendarFeed, getEventPage } from '#lib/server/events/calendar.service.ts';
import {
	participationCertificate,
	setCertificateName,
	verifyCertificate
} from '#lib/server/events/certificate.service.ts';
import {
	cancelEvent,
	createEvent,
	publishEvent,
	returnEvent,
	saveEventTranslation,
	setOrganiserTrusted,
	submitEvent,
	updateEvent
} from '#lib/server/events/events.service.ts';
import { forgetOldRegistrations } from '#lib/server/events/jobs.ts';
import {
	cancelRegistration,
	decideRegistration,
	forgetRegistrationsOfUser,
	getRegistration,
	listParticipants,
	registerForEvent,
	sendEventReminders,
	setAttendance
} from '#lib/server/events/registration.service.ts';
import { registrationToken } from '#lib/server/events/registration-link.ts';
import { ANONYMOUS, type Actor } from '#lib/server/policy/policy.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const DAY = 86_400_000;

/** Form values as a person types them; dates relative to now unless given. */
function eventInput(overrides: Record<string, string | string[]> = {}): EventInput {
	const date = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
	return eventSchema.parse({
		type: 'training',
		title: 'Fortbildung Vereinsrecht',
		description: 'Wie gründe ich einen Verein?',
		startDate: date(10),
		startTime: '10:00',
		endTime: '16:00',
		municipality: 'Leipzig',
		districtKey: '14713',
		languages: ['de', 'ar'],
		capacity: '2',
		registration: 'on',
		waitlist: 'on',
		...overrides
	});
}

describe.each(DATABASE_KINDS)('events on %s', (kind) => {
	let database: Database;
	let orgId: number;
	let seq = 0;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	const anon = () => ctx(ANONYMOUS);

	async function person(roles: ('admin' | 'board' | 'editor')[] = [], orgRole?: 'org_admin') {
		const user = await insertUser(database.db, {
			email: `e${++seq}-${kind}@example.org`,
			name: `Person ${seq}`,
			passwordHash: 'x',
			locale: 'de'
		});
		for (const role of roles) await grantRole(database.db, user.id, role);
		if (orgRole)
			await database.db
				.insert(organisationRoles)
				.values({ organisationId: orgId, userId: user.id, role: orgRole });
		const actor: Actor = {
			userId: user.id,
			roles,
			twoFactorVerified: true,
			organisationRoles: await organisationRolesOf(database.db, user.id)
		};
		return { user, actor };
	}

	const request = (name: string, email: string, locale = 'de') => ({
		name,
		email,
		answers: {},
		locale,
		origin: 'https://miteinander.example',
		ip: null
	});

	const mailsTo = (to: string, purpose?: string) =>
		database.db
			.select()
			.from(outbox)
			.where(purpose ? and(eq(outbox.to, to), eq(outbox.purpose, purpose)) : eq(outbox.to, to));

	async function publishedEvent(input = eventInput()) {
		const editor = await person(['editor']);
		const event = await createEvent(ctx(editor.actor), orgId, input);
		await publishEvent(ctx(editor.actor), event.id);
		return event;
	}

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		const [org] = await database.db
			.insert(organisations)
			.values({
				slug: `brucke-${kind}`,
				name: 'Brücke e. V.',
				kind: 'migrant_organisation',
				districtKey: '14713',
				visibility: DEFAULT_VISIBILITY,
				status: 'published'
			})
			.returning();
		orgId = org!.id;
	});
	afterAll(async () => {
		await database?.close();
	});

	describe('organising', () => {
		it("an org admin's event waits for an editor; the author is mailed the decision", async () => {
			const admin = await person([], 'org_admin');
			const editor = await person(['editor']);
			const event = await createEvent(ctx(admin.actor), orgId, eventInput());
			expect(event.status).toBe('draft');
			expect(await submitEvent(ctx(admin.actor), event.id)).toBe('pending');
			await expect(getEventPage(anon(), event.id, 'de')).rejects.toBeInstanceOf(NotFound);
			await returnEvent(ctx(editor.actor), event.id, 'Bitte den Ort ergänzen.');
			expect((await mailsTo(admin.user.email, 'event_decision')).length).toBe(1);
			expect(await submitEvent(ctx(admin.actor), event.id)).toBe('pending');
			await publishEvent(ctx(editor.actor), event.id);
			expect((await getEventPage(anon(), event.id, 'de')).event.status).toBe('published');
			expect((await mailsTo(admin.user.email, 'event_decision')).length).toBe(2);
		});

		it('a trusted organisation publishes directly', async () => {
			const admin = await person([], 'org_admin');
			const editor = await person(['editor']);
			await setOrganiserTrusted(ctx(editor.actor), orgId, true);
			const event = await createEvent(ctx(admin.actor), orgId, eventInput());
			expect(await submitEvent(ctx(admin.actor), event.id)).toBe('published');
			await setOrganiserTrusted(ctx(editor.actor), orgId, false);
		});

		it('denies everyone else: visitors, other people, org admins for association events', async () => {
			const admin = await person([], 'org_admin');
			const stranger = await person();
			const board = await person(['board']);
			const event = await createEvent(ctx(admin.actor), orgId, eventInput());
			await expect(createEvent(anon(), orgId, eventInput())).rejects.toBeInstanceOf(Forbidden);
			await expect(createEvent(ctx(stranger.actor), orgId, eventInput())).rejects.toBeInstanceOf(Forbidden);
			await expect(createEvent(ctx(admin.actor), null, eventInput())).rejects.toBeInstanceOf(Forbidden);
			await expect(
				updateEvent(ctx(stranger.actor), event.id, eventInput(), { minor: false })
			).rejects.toBeInstanceOf(Forbidden);
			await expect(publishEvent(ctx(admin.actor), event.id)).rejects.toBeInstanceOf(Forbidden);
			await expect(publishEvent(ctx(board.actor), event.id)).rejects.toBeInstanceOf(Forbidden);
			await expect(listParticipants(ctx(stranger.actor), event.id)).rejects.toBeInstanceOf(Forbidden);
		});

		it('keeps translations per locale and marks them outdated after a substantive edit', async () => {
			const editor = await person(['editor']);
			const event = await publishedEvent();
			await saveEventTranslation(ctx(editor.actor), event.id, 'fa', {
				title: 'آموزش حقوق انجمن‌ها',
				description: 'چگونه یک انجمن تأسیس کنم؟',
				imageAlt: '',
				reviewed: true
			});
			const fa = await getEventPage(anon(), event.id, 'fa');
			expect(fa.title).toBe('آموزش حقوق انجمن‌ها');
			expect(fa.textLocale).toBe('fa');
			expect((await getEventPage(anon(), event.id, 'uk')).textLocale).toBe('de');
			await updateEvent(ctx(editor.actor), event.id, eventInput({ title: 'Fortbildung Vereinsrecht II' }), {
				minor: true
			});
			const { getEventForEdit } = await import('#lib/server/events/events.service.ts');
			expect(
				(await getEventForEdit(ctx(editor.actor), event.id)).translations.find((t) => t.locale === 'fa')!
					.status
			).toBe('current');
			await updateEvent(ctx(editor.actor), event.id, eventInput({ title: 'Fortbildung Vereinsrecht III' }), {
				minor: false
			});
			expect(
				(await getEventForEdit(ctx(editor.actor), event.id)).translations.find((t) => t.locale === 'fa')!
					.status
			).toBe('outdated');
		});
	});

	describe('registration', () => {
		it('never exceeds capacity under parallel registrations; the rest wait in order', async () => {
			const event = await publishedEvent();
			const people = Array.from({ length: 6 }, (_, i) => request(`P${i}`, `p${i}-${event.id}@example.org`));
			const results = await Promise.all(people.map((p) => registerForEvent(anon(), event.id, p)));
			expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(2);
			expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(4);
			const rows = await database.db
				.select()
				.from(eventRegistrations)
				.where(eq(eventRegistrations.eventId, event.id));
			expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(2);
			const list = await listParticipants(ctx((await person(['editor'])).actor), event.id);
			expect(list.participants.filter((p) => p.status === 'waitlisted').map((p) => p.position)).toEqual([
				1, 2, 3, 4
			]);
		});

		it('a cancellation promotes the first person waiting and mails them the .ics', async () => {
			const event = await publishedEvent();
			const [a] = [await registerForEvent(anon(), event.id, request('Anna', `anna-${event.id}@example.org`))];
			await registerForEvent(anon(), event.id, request('Ben', `ben-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('Cem', `cem-${event.id}@example.org`, 'tr'));
			await registerForEvent(anon(), event.id, request('Dana', `dana-${event.id}@example.org`));
			expect(a.status).toBe('confirmed');
			const [confirmation] = await mailsTo(`anna-${event.id}@example.org`, 'event_registration');
			expect(confirmation!.attachments[0]!.content).toContain('BEGIN:VEVENT');
			const [waiting] = await mailsTo(`cem-${event.id}@example.org`, 'event_registration');
			expect(waiting!.attachments).toEqual([]);
			expect(waiting!.locale).toBe('tr');

			const anna = (
				await database.db
					.select()
					.from(eventRegistrations)
					.where(eq(eventRegistrations.email, `anna-${event.id}@example.org`))
			)[0]!;
			const token = await registrationToken(database.db, anna.id);
			expect(confirmation!.text).toContain(token);
			await cancelRegistration(anon(), token);
			await expect(cancelRegistration(anon(), token)).rejects.toBeInstanceOf(Conflict);
			const [promoted] = await mailsTo(`cem-${event.id}@example.org`, 'event_promoted');
			expect(promoted!.attachments[0]!.filename).toBe('veranstaltung.ics');
			expect((await mailsTo(`dana-${event.id}@example.org`, 'event_promoted')).length).toBe(0);
			const cem = await listParticipants(ctx((await person(['editor'])).actor), event.id);
			expect(cem.participants.find((p) => p.name === 'Cem')!.status).toBe('confirmed');
			expect(cem.participants.find((p) => p.name === 'Dana')!.position).toBe(1);
			await expect(getRegistration(anon(), `${anna.id}-${'0'.repeat(32)}`)).rejects.toBeInstanceOf(NotFound);
		});

		it('registering again sends the link again instead of a second place', async () => {
			const event = await publishedEvent();
			await registerForEvent(anon(), event.id, request('Eva', `eva-${event.id}@example.org`));
			const again = await registerForEvent(anon(), event.id, request('Eva', `EVA-${event.id}@example.org`));
			expect(again).toEqual({ status: 'confirmed', again: true });
			const rows = await database.db
				.select()
				.from(eventRegistrations)
				.where(eq(eventRegistrations.eventId, event.id));
			expect(rows).toHaveLength(1);
		});

		it('without a waitlist a full event refuses; closed windows and drafts refuse too', async () => {
			const event = await publishedEvent(eventInput({ capacity: '1', waitlist: '' }));
			await registerForEvent(anon(), event.id, request('F', `f-${event.id}@example.org`));
			await expect(
				registerForEvent(anon(), event.id, request('G', `g-${event.id}@example.org`))
			).rejects.toMatchObject({
				messageKey: 'events_full_closed'
			});
			const later = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
			const notYet = await publishedEvent(eventInput({ opensDate: later }));
			await expect(registerForEvent(anon(), notYet.id, request('H', `h@example.org`))).rejects.toMatchObject({
				messageKey: 'events_closed_not_yet'
			});
			const admin = await person([], 'org_admin');
			const draft = await createEvent(ctx(admin.actor), orgId, eventInput());
			await expect(registerForEvent(anon(), draft.id, request('I', 'i@example.org'))).rejects.toBeInstanceOf(
				NotFound
			);
		});

		it('checks answers to the organiser’s questions', async () => {
			const event = await publishedEvent(
				eventInput({
					question1Label: 'Dolmetschen in welche Sprache?',
					question1Required: 'on',
					question2Label: 'Vegetarisch?',
					question2Kind: 'yes_no'
				})
			);
			await expect(registerForEvent(anon(), event.id, request('J', 'j@example.org'))).rejects.toMatchObject({
				field: 'answer_q1'
			});
			await expect(
				registerForEvent(anon(), event.id, {
					...request('J', 'j@example.org'),
					answers: { answer_q1: 'Arabisch', answer_q2: 'vielleicht' }
				})
			).rejects.toBeInstanceOf(Invalid);
			await registerForEvent(anon(), event.id, {
				...request('J', 'j@example.org'),
				answers: { answer_q1: 'Arabisch', answer_q2: 'yes' }
			});
			const rows = await database.db
				.select()
				.from(eventRegistrations)
				.where(eq(eventRegistrations.eventId, event.id));
			expect(rows[0]!.answers).toEqual({ q1: 'Arabisch', q2: 'yes' });
		});

		it('registrations that need approval wait; approval gives a place or the waitlist', async () => {
			const editor = await person(['editor']);
			const event = await publishedEvent(eventInput({ requiresApproval: 'on', capacity: '1' }));
			expect(
				(await registerForEvent(anon(), event.id, request('K', `k-${event.id}@example.org`))).status
			).toBe('pending');
			expect(
				(await registerForEvent(anon(), event.id, request('L', `l-${event.id}@example.org`))).status
			).toBe('pending');
			const list = await listParticipants(ctx(editor.actor), event.id);
			const [k, l] = list.participants;
			await decideRegistration(ctx(editor.actor), event.id, k!.id, true);
			await decideRegistration(ctx(editor.actor), event.id, l!.id, true);
			const after = await listParticipants(ctx(editor.actor), event.id);
			expect(after.participants.map((p) => p.status)).toEqual(['confirmed', 'waitlisted']);
			await expect(decideRegistration(ctx(editor.actor), event.id, k!.id, false)).rejects.toBeInstanceOf(
				Conflict
			);
		});
	});

	describe('reminders, cancellation and feeds', () => {
		it('reminds confirmed participants the day before, once even when the job runs twice', async () => {
			const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
			const now = new Date();
			const event = await publishedEvent(
				eventInput({ startDate: tomorrow, startTime: '12:00', endTime: '13:00' })
			);
			await registerForEvent(anon(), event.id, request('M', `m-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('N', `n-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('O', `o-${event.id}@example.org`));
			await Promise.all([sendEventReminders(database.db, now), sendEventReminders(database.db, now)]);
			await sendEventReminders(database.db, now);
			expect((await mailsTo(`m-${event.id}@example.org`, 'event_reminder')).length).toBe(1);
			expect((await mailsTo(`n-${event.id}@example.org`, 'event_reminder')).length).toBe(1);
			expect((await mailsTo(`o-${event.id}@example.org`, 'event_reminder')).length).toBe(0);
		});

		it('a cancelled event mails everyone and shows as cancelled in the feed with a higher sequence', async () => {
			const editor = await person(['editor']);
			const event = await publishedEvent(eventInput({ title: 'Begegnungsfest', type: 'encounter' }));
			await registerForEvent(anon(), event.id, request('P', `p-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('Q', `q-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('R', `r-${event.id}@example.org`));
			const feedBefore = await calendarFeed(
				anon(),
				parseCalendarQuery(new URLSearchParams('art=encounter')),
				'https://x',
				'de'
			);
			await cancelEvent(ctx(editor.actor), event.id, 'Der Saal ist nicht verfügbar.');
			for (const who of ['p', 'q', 'r'])
				expect((await mailsTo(`${who}-${event.id}@example.org`, 'event_cancelled')).length).toBe(1);
			const feed = await calendarFeed(
				anon(),
				parseCalendarQuery(new URLSearchParams('art=encounter')),
				'https://x',
				'de'
			);
			const find = (ics: string) =>
				new ICAL.Component(ICAL.parse(ics))
					.getAllSubcomponents('vevent')
					.find((v) => v.getFirstPropertyValue('uid') === `event-${event.id}@miteinander-sachsen`)!;
			expect(find(feedBefore).getFirstPropertyValue('status')).toBe('CONFIRMED');
			expect(find(feed).getFirstPropertyValue('status')).toBe('CANCELLED');
			expect(Number(find(feed).getFirstPropertyValue('sequence'))).toBeGreaterThan(
				Number(find(feedBefore).getFirstPropertyValue('sequence'))
			);
			await expect(registerForEvent(anon(), event.id, request('S', 's@example.org'))).rejects.toMatchObject({
				messageKey: 'events_closed_cancelled'
			});
		});

		it('filters the calendar by district, type, language and organiser; the month view places events on their days', async () => {
			const event = await publishedEvent(
				eventInput({
					title: 'Sprachcafé Görlitz',
					type: 'encounter',
					districtKey: '14626',
					municipality: 'Görlitz',
					languages: ['uk'],
					startDate: '2030-03-28'
				})
			);
			const titles = async (params: string) =>
				(await browseCalendar(anon(), parseCalendarQuery(new URLSearchParams(params)), 'de')).kind === 'list'
					? (
							(await browseCalendar(anon(), parseCalendarQuery(new URLSearchParams(params)), 'de')) as {
								items: { title: string }[];
							}
						).items.map((i) => i.title)
					: [];
			expect(await titles('bezirk=14626&art=encounter&sprache=uk')).toEqual(['Sprachcafé Görlitz']);
			expect(await titles('bezirk=14626&sprache=ar')).toEqual([]);
			expect(await titles(`veranstalter=brucke-${kind}&bezirk=14626`)).toEqual(['Sprachcafé Görlitz']);
			expect(await titles('veranstalter=verband&bezirk=14626')).toEqual([]);
			expect(await titles('von=2030-03-28&bis=2030-03-28&bezirk=14626')).toEqual(['Sprachcafé Görlitz']);
			const month = await browseCalendar(
				anon(),
				parseCalendarQuery(new URLSearchParams('ansicht=monat&monat=2030-03&bezirk=14626')),
				'de'
			);
			if (month.kind !== 'month') throw new Error('month view expected');
			const days = month.weeks.flat().filter((d) => d.items.some((i) => i.id === event.id));
			expect(days.map((d) => d.date)).toEqual(['2030-03-28']);
			expect(month.weeks.flat()[0]!.date).toBe('2030-02-25'); // a Monday
		});
	});

	describe('attendance and certificates', () => {
		it('attended participants of a training get a certificate anyone can verify', async () => {
			const editor = await person(['editor']);
			const event = await publishedEvent(eventInput({ hours: '6' }));
			await registerForEvent(anon(), event.id, request('Jürgen Schäfer', `js-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('محمد أحمد', `ma-${event.id}@example.org`, 'ar'));
			const list = await listParticipants(ctx(editor.actor), event.id);
			const ids = list.participants.map((p) => p.id);
			await expect(setAttendance(ctx(editor.actor), event.id, ids)).rejects.toMatchObject({
				messageKey: 'events_attendance_too_early'
			});
			await setAttendance(ctx(editor.actor), event.id, ids, new Date(event.startsAt.getTime() + 60_000));
			const [jurgen, mohammed] = await Promise.all(ids.map((id) => registrationToken(database.db, id)));
			const certificate = await participationCertificate(anon(), jurgen!, 'https://x');
			expect(certificate.pdf.subarray(0, 5).toString()).toBe('%PDF-');
			const code = (await getRegistration(anon(), jurgen!)).certificate!.code;
			expect(certificate.filename).toContain(code);
			expect(certificate.pdf.toString('latin1')).toContain(
				Buffer.from(`Prüfcode: ${code}`, 'latin1').toString('hex')
			);
			expect(await verifyCertificate(anon(), code.toLowerCase())).toMatchObject({
				name: 'Jürgen Schäfer',
				hours: '6'
			});
			expect(await verifyCertificate(anon(), 'AAAA-BBBB-CCCC')).toBeNull();
			// Names in other scripts need a Latin spelling first.
			await expect(participationCertificate(anon(), mohammed!, 'https://x')).rejects.toMatchObject({
				messageKey: 'events_certificate_name_needed'
			});
			await setCertificateName(anon(), mohammed!, 'Mohammed Ahmed');
			expect((await participationCertificate(anon(), mohammed!, 'https://x')).pdf.length).toBeGreaterThan(
				500
			);
		});

		it('erasing an account gives up its places (the waitlist moves up) and deletes its registrations', async () => {
			const event = await publishedEvent(eventInput({ capacity: '1' }));
			const leaving = await person();
			await registerForEvent(ctx(leaving.actor), event.id, request('V', leaving.user.email));
			await registerForEvent(anon(), event.id, request('W', `w-${event.id}@example.org`));
			await database.db.transaction((tx) => forgetRegistrationsOfUser(tx, leaving.user.id));
			const rows = await database.db
				.select()
				.from(eventRegistrations)
				.where(eq(eventRegistrations.eventId, event.id));
			expect(rows.map((r) => [r.name, r.status])).toEqual([['W', 'confirmed']]);
		});

		it('forgets registrations a year after the event, keeping certificate holders’ names and codes', async () => {
			const editor = await person(['editor']);
			const event = await publishedEvent();
			await registerForEvent(anon(), event.id, request('T', `t-${event.id}@example.org`));
			await registerForEvent(anon(), event.id, request('U', `u-${event.id}@example.org`));
			const [t] = (await listParticipants(ctx(editor.actor), event.id)).participants;
			await setAttendance(ctx(editor.actor), event.id, [t!.id], new Date(event.startsAt.getTime() + 1));
			await forgetOldRegistrations(database.db, new Date(event.endsAt.getTime() + 366 * DAY));
			const rows = await database.db
				.select()
				.from(eventRegistrations)
				.where(eq(eventRegistrations.eventId, event.id));
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ name: 'T', email: '', attended: true });
			expect(berlinToInstant('2030-01-01', '00:00')).not.toBeNull();
		});
	});
});
