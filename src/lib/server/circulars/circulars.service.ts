import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { BASE_LOCALE, isLocale, localizePath, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import {
	circularRecipients,
	circulars,
	memberships,
	organisations,
	users,
	type CircularAttachment
} from '#lib/server/db/schema/index.ts';
import { Invalid, NotFound } from '#lib/server/errors.ts';
import { safeFileName, sniffDocument } from '#lib/server/files/documents.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { can, requireAccess } from '#lib/server/policy/policy.ts';

export interface CircularInput {
	title: string;
	body: string;
	translations: Record<string, { title: string; body: string }>;
	forms: string[];
	districtKeys: string[];
}

/** Active members the circular is for: all, or those of the chosen forms and/or districts. */
async function audience(ctx: ServiceContext, input: Pick<CircularInput, 'forms' | 'districtKeys'>) {
	const conditions = [eq(memberships.status, 'active')];
	if (input.forms.length) conditions.push(inArray(memberships.form, input.forms as never[]));
	if (input.districtKeys.length) conditions.push(inArray(organisations.districtKey, input.districtKeys));
	return ctx.db
		.select({ membership: memberships })
		.from(memberships)
		.leftJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(and(...conditions));
}

/** How many members a circular would reach (shown before sending). */
export async function countAudience(
	ctx: ServiceContext,
	input: Pick<CircularInput, 'forms' | 'districtKeys'>
) {
	requireAccess(ctx.actor, 'circulars.send');
	return (await audience(ctx, input)).length;
}

function textIn(
	circular: { title: string; body: string; translations: CircularInput['translations'] },
	locale: string
) {
	const t = circular.translations[locale];
	return t?.title && t.body
		? { ...t, locale }
		: { title: circular.title, body: circular.body, locale: BASE_LOCALE };
}

/**
 * Sends a circular: stored with its recipients (one per member), mailed to each member's address
 * in their language where a translation exists (German otherwise) with a link to the member area.
 * Attachments are stored and downloaded there, not attached to the mails.
 */
export async function sendCircular(
	ctx: ServiceContext,
	storage: FileStorage,
	input: CircularInput,
	files: { bytes: Uint8Array; name: string }[],
	origin: string
) {
	requireAccess(ctx.actor, 'circulars.send');
	const recipients = await audience(ctx, input);
	if (!recipients.length) throw new Invalid('circulars_no_recipients', 'none', 'forms');
	const attachments: CircularAttachment[] = [];
	for (const file of files) {
		const type = sniffDocument(file.bytes);
		const key = `circulars/${randomBytes(12).toString('hex')}.${type.extension}`;
		await storage.put(key, file.bytes, type.contentType);
		attachments.push({
			key,
			name: safeFileName(file.name, type.extension),
			contentType: type.contentType,
			size: file.bytes.byteLength
		});
	}
	return ctx.db.transaction(async (tx) => {
		const [circular] = await tx
			.insert(circulars)
			.values({ ...input, attachments, sentBy: ctx.actor.userId })
			.returning();
		await tx.insert(circularRecipients).values(
			recipients.map(({ membership }) => ({
				circularId: circular!.id,
				membershipId: membership.id,
				organisationId: membership.organisationId
			}))
		);
		for (const { membership } of recipients) {
			if (!membership.email) continue;
			const text = textIn(circular!, membership.locale);
			await queueComposedMail(
				tx,
				{ email: membership.email, locale: membership.locale },
				'circular',
				(o) => ({
					subject: m.mail_circular_subject({ title: text.title }, o),
					paragraphs: [
						...text.body
							.split(/\n\s*\n/)
							.map((p) => p.trim())
							.filter(Boolean),
						...(attachments.length ? [m.mail_circular_attachments({}, o)] : [])
					],
					action: {
						label: m.mail_circular_open({}, o),
						url: `${origin}${localizePath(`/konto/rundschreiben/${circular!.id}`, o.locale)}`
					}
				})
			);
		}
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'circular.send',
			subjectType: 'circular',
			subjectId: circular!.id,
			details: { recipients: recipients.length }
		});
		return circular!.id;
	});
}

/** The memberships the signed-in person stands for: their organisations' and their own. */
async function myMembershipIds(ctx: ServiceContext): Promise<number[]> {
	if (ctx.actor.userId === null) return [];
	const organisationIds = (ctx.actor.organisationRoles ?? []).map((r) => r.organisationId);
	const rows = await ctx.db
		.select({ id: memberships.id })
		.from(memberships)
		.leftJoin(users, sql`lower(${users.email}) = lower(${memberships.email})`)
		.where(
			or(
				organisationIds.length ? inArray(memberships.organisationId, organisationIds) : sql`false`,
				eq(users.id, ctx.actor.userId)
			)
		);
	return rows.map((r) => r.id);
}

export async function myCirculars(ctx: ServiceContext, locale: Locale) {
	requireAccess(ctx.actor, 'circulars.read');
	const ids = await myMembershipIds(ctx);
	if (!ids.length) return [];
	const rows = await ctx.db
		.select({ circular: circulars, readAt: sql<Date | null>`min(${circularRecipients.readAt})` })
		.from(circulars)
		.innerJoin(circularRecipients, eq(circularRecipients.circularId, circulars.id))
		.where(inArray(circularRecipients.membershipId, ids))
		.groupBy(circulars.id)
		.orderBy(desc(circulars.sentAt));
	return rows.map((r) => ({
		id: r.circular.id,
		sentAt: r.circular.sentAt,
		read: r.readAt !== null,
		...textIn(r.circular, locale)
	}));
}

/** Opens a circular for a recipient and records the read receipt for their member(s). */
export async function readCircular(ctx: ServiceContext, id: number, locale: Locale) {
	requireAccess(ctx.actor, 'circulars.read');
	const [circular] = await ctx.db.select().from(circulars).where(eq(circulars.id, id));
	if (!circular) throw new NotFound(`circular ${id}`);
	const ids = await myMembershipIds(ctx);
	const mine = ids.length
		? await ctx.db
				.select()
				.from(circularRecipients)
				.where(and(eq(circularRecipients.circularId, id), inArray(circularRecipients.membershipId, ids)))
		: [];
	if (!mine.length && !can(ctx.actor, 'circulars.send')) throw new NotFound(`circular ${id}`);
	if (mine.length)
		await ctx.db
			.update(circularRecipients)
			.set({ readAt: new Date(), readBy: ctx.actor.userId })
			.where(
				and(
					eq(circularRecipients.circularId, id),
					inArray(circularRecipients.membershipId, ids),
					isNull(circularRecipients.readAt)
				)
			);
	return { circular, ...textIn(circular, isLocale(locale) ? locale : BASE_LOCALE) };
}

export async function circularAttachment(
	ctx: ServiceContext,
	storage: FileStorage,
	id: number,
	index: number
) {
	const { circular } = await readCircular(ctx, id, BASE_LOCALE);
	const attachment = circular.attachments[index];
	if (!attachment) throw new NotFound('attachment');
	const stored = await storage.get(attachment.key);
	if (!stored) throw new NotFound(attachment.key);
	return { bytes: stored.bytes, contentType: attachment.contentType, fileName: attachment.name };
}

/** For the board: sent circulars with read counts. */
export async function sentCirculars(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'circulars.send');
	return ctx.db
		.select({
			circular: circulars,
			total: sql<number>`count(${circularRecipients.membershipId})::int`,
			read: sql<number>`count(${circularRecipients.readAt})::int`
		})
		.from(circulars)
		.leftJoin(circularRecipients, eq(circularRecipients.circularId, circulars.id))
		.groupBy(circulars.id)
		.orderBy(desc(circulars.sentAt));
}

/** Who has read a circular and who has not yet. */
export async function circularReceipts(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'circulars.send');
	const [circular] = await ctx.db.select().from(circulars).where(eq(circulars.id, id));
	if (!circular) throw new NotFound(`circular ${id}`);
	const recipients = await ctx.db
		.select({ recipient: circularRecipients, name: memberships.name, number: memberships.number })
		.from(circularRecipients)
		.innerJoin(memberships, eq(memberships.id, circularRecipients.membershipId))
		.where(eq(circularRecipients.circularId, id))
		.orderBy(memberships.name);
	return {
		circular,
		read: recipients.filter((r) => r.recipient.readAt),
		unread: recipients.filter((r) => !r.recipient.readAt)
	};
}
