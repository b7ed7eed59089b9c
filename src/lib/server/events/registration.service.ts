import { randomInt } from 'node:crypto';
import type { EventQuestion, RegistrationStatus } from '#lib/events/events.ts';
import { CERTIFICATE_TYPES } from '#lib/events/events.ts';
import { addDays, berlinDate, startOfBerlinDay } from '#lib/events/time.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { limitPerAddress } from '#lib/server/auth/rate-limit.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import { Conflict, Invalid, NotFound } from '#lib/server/errors.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './events.queries.ts';
import { loadManaged } from './access.ts';
import {
	queueDeclinedMail,
	queueParticipantMessage,
	queueRegistrationMail,
	queueReminderMail
} from './event-mails.ts';
import { registrationIdFromToken, registrationToken } from './registration-link.ts';

export interface RegistrationRequest {
	name: string;
	email: string;
	/** Raw form values of the event's questions (`answer_<id>`). */
	answers: Record<string, string | undefined>;
	locale: string;
	origin: string;
	ip: string | null;
}

/** Why registration is not possible now, or null when it is. */
export function registrationClosedReason(event: queries.EventRow, now: Date) {
	if (event.status === 'cancelled') return 'events_closed_cancelled' as const;
	if (event.status !== 'published' || !event.registration) return 'events_closed_no_registration' as const;
	if (event.registrationOpensAt && now < event.registrationOpensAt) return 'events_closed_not_yet' as const;
	if ((event.registrationClosesAt ?? event.startsAt) <= now) return 'events_closed_over' as const;
	return null;
}

/** Checks the answers to the organiser's questions; the error names the question's field. */
export function checkAnswers(questions: EventQuestion[], raw: Record<string, string | undefined>) {
	const answers: Record<string, string> = {};
	for (const q of questions) {
		const value = (raw[`answer_${q.id}`] ?? '').trim();
		if (value.length > 500) throw new Invalid('forms_too_long', q.id, `answer_${q.id}`);
		if (q.kind === 'yes_no' && value && value !== 'yes' && value !== 'no')
			throw new Invalid('forms_invalid', q.id, `answer_${q.id}`);
		if (q.required && !value) throw new Invalid('forms_required', q.id, `answer_${q.id}`);
		if (value) answers[q.id] = value;
	}
	return answers;
}

/**
 * Registers someone. The event row is locked for the decision, so two registrations for the last
 * place are decided one after the other and capacity is never exceeded. Registering again with the
 * same address sends the private link again instead of a second registration.
 */
export async function registerForEvent(
	ctx: ServiceContext,
	eventId: number,
	request: RegistrationRequest,
	now = new Date()
): Promise<{ status: RegistrationStatus; again: boolean }> {
	requireAccess(ctx.actor, 'events.register');
	await limitPerAddress(ctx.db, 'events:register', request.ip, 30);
	const result = await ctx.db.transaction(async (tx) => {
		const event = await queries.lockEvent(tx, eventId);
		if (!event || (event.status !== 'published' && event.status !== 'cancelled'))
			throw new NotFound(`event ${eventId}`);
		const closed = registrationClosedReason(event, now);
		if (closed) throw new Conflict(closed);
		const answers = checkAnswers(event.questions, request.answers);
		const existing = await queries.findActiveRegistration(tx, event.id, request.email);
		if (existing) {
			await queueRegistrationMail(tx, event, existing, 'registered');
			return { status: existing.status, again: true };
		}
		const status = await placeFor(tx, event);
		const registration = await queries.insertRegistration(tx, {
			eventId: event.id,
			userId: ctx.actor.userId,
			name: request.name,
			email: request.email.toLowerCase(),
			locale: request.locale,
			origin: request.origin,
			answers,
			status
		});
		await queueRegistrationMail(tx, event, registration, 'registered');
		return { status, again: false };
	});
	invalidatePageCache();
	return result;
}

/** The status a new (or newly approved) registration gets; the event must be locked. */
async function placeFor(tx: DbOrTx, event: queries.EventRow, approving = false): Promise<RegistrationStatus> {
	if (event.requiresApproval && !approving) return 'pending';
	if (event.capacity === null || (await queries.countConfirmed(tx, event.id)) < event.capacity)
		return 'confirmed';
	if (event.waitlist) return 'waitlisted';
	throw new Conflict('events_full_closed');
}

/**
 * Fills free places from the waitlist in order and mails the people promoted. The caller holds
 * the event's lock (a cancellation, more places, an approval declined).
 */
export async function promoteWaitlist(tx: DbOrTx, eventId: number, now = new Date()) {
	const event = await queries.lockEvent(tx, eventId);
	if (!event || event.status !== 'published' || event.startsAt <= now) return 0;
	const waiting = await queries.waitlistOf(tx, event.id);
	if (!waiting.length) return 0;
	const free =
		event.capacity === null ? waiting.length : event.capacity - (await queries.countConfirmed(tx, event.id));
	let promoted = 0;
	for (const registration of waiting.slice(0, Math.max(0, free))) {
		const row = await queries.setRegistrationStatus(tx, registration.id, ['waitlisted'], {
			status: 'confirmed',
			promotedAt: now
		});
		if (row) {
			await queueRegistrationMail(tx, event, row, 'promoted');
			promoted++;
		}
	}
	return promoted;
}

async function registrationFromToken(db: DbOrTx, token: string) {
	const id = await registrationIdFromToken(db, token);
	const registration = id === null ? undefined : await queries.findRegistration(db, id);
	if (!registration) throw new NotFound('registration');
	return registration;
}

/** What the private registration page shows. The token is the key: no account needed. */
export async function getRegistration(ctx: ServiceContext, token: string) {
	const registration = await registrationFromToken(ctx.db, token);
	const row = await queries.findEvent(ctx.db, registration.eventId);
	if (!row) throw new NotFound('event');
	const position =
		registration.status === 'waitlisted'
			? (await queries.waitlistOf(ctx.db, row.event.id)).findIndex((r) => r.id === registration.id) + 1
			: null;
	return {
		registration,
		event: row.event,
		organiserName: row.organiserName,
		position,
		certificate: certificateState(row.event, registration)
	};
}

export function certificateState(event: queries.EventRow, registration: queries.RegistrationRow) {
	if (
		!CERTIFICATE_TYPES.includes(event.type) ||
		registration.attended !== true ||
		!registration.certificateCode
	)
		return null;
	return { code: registration.certificateCode };
}

/** Cancels from the private link; a freed place goes to the first person waiting. */
export async function cancelRegistration(ctx: ServiceContext, token: string, now = new Date()) {
	const registration = await registrationFromToken(ctx.db, token);
	await ctx.db.transaction(async (tx) => {
		await queries.lockEvent(tx, registration.eventId);
		const row = await queries.setRegistrationStatus(
			tx,
			registration.id,
			['pending', 'confirmed', 'waitlisted'],
			{
				status: 'cancelled',
				cancelledAt: now
			}
		);
		if (!row) throw new Conflict('events_registration_not_active');
		if (registration.status === 'confirmed') await promoteWaitlist(tx, registration.eventId, now);
	});
	invalidatePageCache();
}

// Organisers

export interface Participant extends queries.RegistrationRow {
	position: number | null;
}

export async function listParticipants(ctx: ServiceContext, eventId: number) {
	const row = await loadManaged(ctx, eventId);
	const registrations = await queries.registrationsOf(ctx.db, eventId);
	let position = 0;
	const participants: Participant[] = registrations.map((r) => ({
		...r,
		position: r.status === 'waitlisted' ? ++position : null
	}));
	const count = (status: RegistrationStatus) => registrations.filter((r) => r.status === status).length;
	return {
		...row,
		participants,
		counts: {
			confirmed: count('confirmed'),
			waitlisted: count('waitlisted'),
			pending: count('pending'),
			cancelled: count('cancelled') + count('declined')
		}
	};
}

/** Approves (a place or the waitlist) or declines a registration that needs approval. */
export async function decideRegistration(
	ctx: ServiceContext,
	eventId: number,
	registrationId: number,
	approve: boolean
) {
	await loadManaged(ctx, eventId);
	await ctx.db.transaction(async (tx) => {
		const event = await queries.lockEvent(tx, eventId);
		const registration = await queries.findRegistration(tx, registrationId);
		if (!event || !registration || registration.eventId !== eventId) throw new NotFound('registration');
		if (registration.status !== 'pending') throw new Conflict('events_registration_not_pending');
		if (approve) {
			const row = await queries.setRegistrationStatus(tx, registration.id, ['pending'], {
				status: await placeFor(tx, event, true)
			});
			await queueRegistrationMail(tx, event, row!, 'registered');
		} else {
			const row = await queries.setRegistrationStatus(tx, registration.id, ['pending'], {
				status: 'declined'
			});
			await queueDeclinedMail(tx, event, row!);
		}
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: approve ? 'event.registration.approve' : 'event.registration.decline',
			subjectType: 'event',
			subjectId: eventId,
			details: { registrationId }
		});
	});
	invalidatePageCache();
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A verification code like `7KQM-4XTA-P2ZD`: 60 bits, no look-alike characters. */
export function newCertificateCode(): string {
	const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
	return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * Records who attended (the ticked ones among the confirmed). Attendance can be marked once the
 * event has begun; attending a training gives a certificate with its own verification code.
 */
export async function setAttendance(
	ctx: ServiceContext,
	eventId: number,
	attendedIds: number[],
	now = new Date()
) {
	const { event } = await loadManaged(ctx, eventId);
	if (event.startsAt > now) throw new Conflict('events_attendance_too_early');
	const attended = new Set(attendedIds);
	await ctx.db.transaction(async (tx) => {
		for (const registration of await queries.registrationsOf(tx, eventId)) {
			if (registration.status !== 'confirmed') continue;
			const present = attended.has(registration.id);
			const code =
				present && CERTIFICATE_TYPES.includes(event.type)
					? (registration.certificateCode ?? newCertificateCode())
					: registration.certificateCode;
			await queries.updateRegistration(tx, registration.id, { attended: present, certificateCode: code });
		}
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'event.attendance',
			subjectType: 'event',
			subjectId: eventId,
			details: { attended: attended.size }
		});
	});
}

/** Mails the participants (and, if asked, those waiting); returns how many. */
export async function messageParticipants(
	ctx: ServiceContext,
	eventId: number,
	message: { subject: string; body: string; includeWaitlist: boolean }
) {
	const { event } = await loadManaged(ctx, eventId);
	const statuses: RegistrationStatus[] = message.includeWaitlist
		? ['confirmed', 'waitlisted']
		: ['confirmed'];
	const recipients = (await queries.registrationsOf(ctx.db, eventId)).filter((r) =>
		statuses.includes(r.status)
	);
	await ctx.db.transaction(async (tx) => {
		await queueParticipantMessage(tx, event, recipients, message);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'event.message',
			subjectType: 'event',
			subjectId: eventId,
			details: { recipients: recipients.length }
		});
	});
	return recipients.length;
}

/**
 * Reminds confirmed participants of events that start tomorrow (Berlin time). Run by a job every
 * hour; each registration is claimed once in the same transaction that queues its mail, so a job
 * that runs twice sends nothing twice.
 */
export async function sendEventReminders(db: Db, now = new Date()) {
	const tomorrow = addDays(berlinDate(now), 1);
	const from = startOfBerlinDay(tomorrow);
	const to = startOfBerlinDay(addDays(tomorrow, 1));
	return db.transaction(async (tx) => {
		const claimed = await queries.claimReminders(tx, from, to, now);
		for (const registration of claimed) {
			const row = await queries.findEvent(tx, registration.eventId);
			if (row) await queueReminderMail(tx, row.event, registration);
		}
		return claimed.length;
	});
}

export { registrationToken };

/**
 * When an account is erased: its places in upcoming events are given up (the waitlist moves up),
 * its registrations are deleted, and certificates keep only the name and code (to stay verifiable).
 */
export async function forgetRegistrationsOfUser(tx: DbOrTx, userId: number, now = new Date()) {
	for (const registration of await queries.registrationsByUser(tx, userId)) {
		if (registration.certificateCode && registration.attended) {
			await queries.updateRegistration(tx, registration.id, {
				email: '',
				answers: {},
				userId: null,
				origin: ''
			});
			continue;
		}
		await queries.lockEvent(tx, registration.eventId);
		await queries.deleteRegistration(tx, registration.id);
		if (registration.status === 'confirmed') await promoteWaitlist(tx, registration.eventId, now);
	}
}
