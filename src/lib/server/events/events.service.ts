import { randomBytes } from 'node:crypto';
import { BASE_LOCALE, LOCALES, type Locale } from '#lib/i18n/locales.ts';
import type { EventInput } from '#lib/schemas/events.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { translationStatus, type TranslationStatus } from '#lib/server/content/translation-status.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#lib/server/errors.ts';
import { processImage } from '#lib/server/files/images.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { can, requireAccess } from '#lib/server/policy/policy.ts';
import { officialMunicipality } from '#lib/server/directory/municipalities.ts';
import * as queries from './events.queries.ts';
import { canManageEvent, loadManaged, organiserChoices } from './access.ts';

export { canManageEvent, organiserChoices };
import { promoteWaitlist } from './registration.service.ts';
import { queueEventCancelledMails, queueEventDecisionMail } from './event-mails.ts';

export const EVENT_IMAGE_MAX_SIDE = 1200;

function eventValues(input: EventInput) {
	return {
		...input,
		municipality:
			input.districtKey && input.municipality
				? officialMunicipality(input.districtKey, input.municipality)
				: input.municipality
	};
}

export async function createEvent(ctx: ServiceContext, organisationId: number | null, input: EventInput) {
	if (!canManageEvent(ctx.actor, { organisationId })) throw new Forbidden('events.manage');
	const event = await ctx.db.transaction(async (tx) => {
		const row = await queries.insertEvent(tx, {
			...eventValues(input),
			organisationId,
			status: 'draft',
			createdBy: ctx.actor.userId
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'event.create',
			subjectType: 'event',
			subjectId: row.id
		});
		return row;
	});
	return event;
}

/**
 * Saves the event. Every change bumps the iCalendar SEQUENCE (calendar apps update their copy); a
 * substantive change of title or description also bumps the source revision (translations become
 * outdated) unless it is marked minor. More places move people up from the waitlist.
 */
export async function updateEvent(
	ctx: ServiceContext,
	eventId: number,
	input: EventInput,
	options: { minor: boolean }
) {
	const { event } = await loadManaged(ctx, eventId);
	if (event.status === 'cancelled') throw new Conflict('events_cancelled_no_edit');
	await ctx.db.transaction(async (tx) => {
		await queries.lockEvent(tx, event.id);
		const textChanged = event.title !== input.title || event.description.trim() !== input.description.trim();
		await queries.updateEvent(tx, event.id, {
			...eventValues(input),
			sourceRevision: textChanged && !options.minor ? event.sourceRevision + 1 : event.sourceRevision,
			sequence: event.sequence + 1
		});
		await promoteWaitlist(tx, event.id);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'event.update',
			subjectType: 'event',
			subjectId: event.id,
			details: { minor: options.minor, textChanged }
		});
	});
	invalidatePageCache();
}

/**
 * Submits a draft: editors' and trusted organisations' events are published at once, others wait
 * for an editor.
 */
export async function submitEvent(ctx: ServiceContext, eventId: number) {
	const row = await loadManaged(ctx, eventId);
	if (row.event.status !== 'draft') throw new Conflict('events_not_draft');
	const direct = can(ctx.actor, 'events.publish') || row.organiserTrusted === true;
	await setStatus(ctx, row.event, direct ? 'published' : 'pending', 'event.submit');
	return direct ? 'published' : 'pending';
}

export async function publishEvent(ctx: ServiceContext, eventId: number) {
	requireAccess(ctx.actor, 'events.publish');
	const row = await loadManaged(ctx, eventId);
	if (row.event.status !== 'pending' && row.event.status !== 'draft')
		throw new Conflict('events_not_pending');
	await ctx.db.transaction(async (tx) => {
		await setStatus({ ...ctx, db: tx }, row.event, 'published', 'event.publish');
		await queueEventDecisionMail(tx, row.event, true, '');
	});
}

/** Sends an organisation's event back to draft with a note for its author. */
export async function returnEvent(ctx: ServiceContext, eventId: number, note: string) {
	requireAccess(ctx.actor, 'events.publish');
	const row = await loadManaged(ctx, eventId);
	if (row.event.status !== 'pending') throw new Conflict('events_not_pending');
	await ctx.db.transaction(async (tx) => {
		await queries.updateEvent(tx, row.event.id, {
			status: 'draft',
			reviewNote: note,
			reviewedBy: ctx.actor.userId
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'event.return',
			subjectType: 'event',
			subjectId: row.event.id
		});
		await queueEventDecisionMail(tx, row.event, false, note);
	});
}

async function setStatus(
	ctx: ServiceContext,
	event: queries.EventRow,
	status: 'pending' | 'published',
	action: string
) {
	await queries.updateEvent(ctx.db, event.id, {
		status,
		sequence: event.sequence + 1,
		...(status === 'published' && { reviewedBy: ctx.actor.userId, reviewNote: '' })
	});
	await audit(ctx.db, { actorId: ctx.actor.userId, action, subjectType: 'event', subjectId: event.id });
	invalidatePageCache();
}

/**
 * Cancels the event: it stays listed (and in the feeds, STATUS:CANCELLED) and everyone registered
 * or waiting is mailed.
 */
export async function cancelEvent(ctx: ServiceContext, eventId: number, reason: string) {
	const { event } = await loadManaged(ctx, eventId);
	if (event.status === 'cancelled') throw new Conflict('events_already_cancelled');
	await ctx.db.transaction(async (tx) => {
		await queries.lockEvent(tx, event.id);
		const updated = await queries.updateEvent(tx, event.id, {
			status: 'cancelled',
			cancelReason: reason,
			sequence: event.sequence + 1
		});
		if (event.status === 'published') await queueEventCancelledMails(tx, updated!);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'event.cancel',
			subjectType: 'event',
			subjectId: event.id
		});
	});
	invalidatePageCache();
}

/** Deletes a draft (nothing published, nobody registered yet). */
export async function deleteDraft(ctx: ServiceContext, storage: FileStorage, eventId: number) {
	const { event } = await loadManaged(ctx, eventId);
	if (event.status !== 'draft' || (await queries.registrationsOf(ctx.db, event.id)).length > 0)
		throw new Conflict('events_delete_only_drafts');
	await queries.deleteEvent(ctx.db, event.id);
	if (event.imageKey) await storage.delete(event.imageKey);
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'event.delete',
		subjectType: 'event',
		subjectId: event.id
	});
}

/**
 * Sets the picture and its text for people who cannot see it (required). Without a new file only
 * the text changes.
 */
export async function setEventImage(
	ctx: ServiceContext,
	storage: FileStorage,
	eventId: number,
	upload: Uint8Array | null,
	alt: string
) {
	const { event } = await loadManaged(ctx, eventId);
	if (!upload) {
		if (!event.imageKey) throw new Invalid('events_image_missing', 'no file', 'image');
		await queries.updateEvent(ctx.db, event.id, { imageAlt: alt });
		invalidatePageCache();
		return;
	}
	const image = await processImage(upload, EVENT_IMAGE_MAX_SIDE);
	const key = `events/${event.id}-${randomBytes(6).toString('hex')}.webp`;
	await storage.put(key, image.bytes, image.contentType);
	await queries.updateEvent(ctx.db, event.id, { imageKey: key, imageAlt: alt });
	if (event.imageKey) await storage.delete(event.imageKey);
	invalidatePageCache();
}

export async function removeEventImage(ctx: ServiceContext, storage: FileStorage, eventId: number) {
	const { event } = await loadManaged(ctx, eventId);
	if (!event.imageKey) return;
	await queries.updateEvent(ctx.db, event.id, { imageKey: null });
	await storage.delete(event.imageKey);
	invalidatePageCache();
}

/** An event image, if its event is public (or the actor manages it). */
export async function getEventImage(ctx: ServiceContext, storage: FileStorage, file: string) {
	if (!/^\d+-[0-9a-f]{12}\.webp$/.test(file)) throw new NotFound(file);
	const row = await queries.findEvent(ctx.db, Number(file.split('-')[0]));
	if (!row || row.event.imageKey !== `events/${file}`) throw new NotFound(file);
	const visible = row.event.status === 'published' || row.event.status === 'cancelled';
	if (!visible && !canManageEvent(ctx.actor, row.event)) throw new NotFound(file);
	const stored = await storage.get(row.event.imageKey);
	if (!stored) throw new NotFound(file);
	return stored;
}

export interface TranslationOverview {
	locale: Locale;
	status: TranslationStatus | 'source';
	reviewed: boolean;
}

export async function getEventForEdit(ctx: ServiceContext, eventId: number) {
	const row = await loadManaged(ctx, eventId);
	const translations = await queries.translationsOf(ctx.db, eventId);
	const byLocale = new Map(translations.map((t) => [t.locale, t]));
	return {
		...row,
		canPublish: can(ctx.actor, 'events.publish'),
		translations: LOCALES.map((locale): TranslationOverview => ({
			locale,
			status:
				locale === BASE_LOCALE ? 'source' : translationStatus(row.event.sourceRevision, byLocale.get(locale)),
			reviewed: byLocale.get(locale)?.reviewed ?? false
		}))
	};
}

export async function getEventTranslation(ctx: ServiceContext, eventId: number, locale: Locale) {
	const { event } = await loadManaged(ctx, eventId);
	const row = (await queries.translationsOf(ctx.db, eventId)).find((t) => t.locale === locale);
	return {
		event: { id: event.id, title: event.title, description: event.description, imageAlt: event.imageAlt },
		translation: row ?? null,
		status: translationStatus(event.sourceRevision, row)
	};
}

export async function saveEventTranslation(
	ctx: ServiceContext,
	eventId: number,
	locale: Locale,
	input: { title: string; description: string; imageAlt: string; reviewed: boolean }
) {
	if (locale === BASE_LOCALE) throw new Conflict('errors_generic');
	const { event } = await loadManaged(ctx, eventId);
	await queries.upsertTranslation(ctx.db, {
		eventId: event.id,
		locale,
		...input,
		sourceRevision: event.sourceRevision
	});
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'event.translate',
		subjectType: 'event',
		subjectId: event.id,
		details: { locale }
	});
	invalidatePageCache();
}

/** The events the actor may manage (their organisations'; editors: all). */
export async function listManagedEvents(ctx: ServiceContext) {
	if (ctx.actor.userId === null) throw new Forbidden('events.manage');
	const choices = organiserChoices(ctx.actor);
	return queries.listManaged(ctx.db, choices.organisationIds, choices.association);
}

export async function listPendingEvents(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'events.publish');
	return queries.listByStatus(ctx.db, 'pending');
}

export async function countPendingEvents(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'events.publish');
	return queries.countPending(ctx.db);
}

export async function listOrganisersWithEvents(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'events.publish');
	return queries.organisersWithEvents(ctx.db);
}

/** Trusted organisations publish their events without review. */
export async function setOrganiserTrusted(ctx: ServiceContext, organisationId: number, trusted: boolean) {
	requireAccess(ctx.actor, 'events.publish');
	await queries.setTrusted(ctx.db, organisationId, trusted);
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'event.trust',
		subjectType: 'organisation',
		subjectId: organisationId,
		details: { trusted }
	});
}
