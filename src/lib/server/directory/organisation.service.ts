import { randomBytes } from 'node:crypto';
import { BASE_LOCALE, LOCALES, type Locale } from '#lib/i18n/locales.ts';
import { DEFAULT_VISIBILITY, type FieldVisibility } from '#lib/directory/directory.ts';
import type { OrganisationProfileInput } from '#lib/schemas/directory.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#lib/server/errors.ts';
import { generateToken, hashToken } from '#lib/server/auth/tokens.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import { processLogo } from '#lib/server/files/images.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { translationStatus, type TranslationStatus } from '#lib/server/content/translation-status.ts';
import * as queries from './directory.queries.ts';
import { refreshSearchOf } from './directory.service.ts';
import { officialMunicipality } from './municipalities.ts';
import { queueInvitationMail } from './directory-mails.ts';
import { limitRequests } from './limits.ts';

const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

async function loadForEdit(ctx: ServiceContext, organisationId: number) {
	requireAccess(ctx.actor, 'organisation.edit', { organisationId });
	const org = await queries.findOrganisation(ctx.db, { id: organisationId });
	if (!org) throw new NotFound(`organisation ${organisationId}`);
	return org;
}

export interface EditView {
	organisation: queries.OrganisationRow;
	visibility: FieldVisibility;
	germanDescription: string;
	translations: { locale: Locale; status: TranslationStatus | 'source'; reviewed: boolean }[];
}

/** Everything the edit form needs, for the organisation's admins and for editors. */
export async function getOrganisationForEdit(ctx: ServiceContext, organisationId: number): Promise<EditView> {
	const org = await loadForEdit(ctx, organisationId);
	const descriptions = await queries.descriptionsOf(ctx.db, org.id);
	const byLocale = new Map(descriptions.map((d) => [d.locale, d]));
	return {
		organisation: org,
		visibility: { ...DEFAULT_VISIBILITY, ...org.visibility },
		germanDescription: byLocale.get(BASE_LOCALE)?.body ?? '',
		translations: LOCALES.map((locale) => {
			const row = byLocale.get(locale);
			return {
				locale,
				status:
					locale === BASE_LOCALE
						? 'source'
						: translationStatus(org.sourceRevision, row?.body ? row : undefined),
				reviewed: row?.reviewed ?? false
			};
		})
	};
}

export function profileValues(input: OrganisationProfileInput) {
	return {
		name: input.name,
		kind: input.kind,
		legalForm: input.legalForm,
		registerCourt: input.registerCourt || null,
		registerNumber: input.registerNumber || null,
		districtKey: input.districtKey,
		municipality: officialMunicipality(input.districtKey, input.municipality),
		postalCode: input.postalCode,
		street: input.street,
		phone: input.phone,
		email: input.email.toLowerCase(),
		website: input.website,
		contactPerson: input.contactPerson,
		foundingYear: input.foundingYear,
		languages: input.languages,
		communities: input.communities,
		fields: input.fields
	};
}

/**
 * Saves the profile, the field visibility and the German description. A substantive change of the
 * description bumps the source revision (translations become outdated); a minor edit does not.
 */
export async function updateOrganisation(
	ctx: ServiceContext,
	organisationId: number,
	input: OrganisationProfileInput,
	visibility: FieldVisibility,
	options: { minor: boolean }
) {
	const org = await loadForEdit(ctx, organisationId);
	await ctx.db.transaction(async (tx) => {
		const previous =
			(await queries.descriptionsOf(tx, org.id)).find((d) => d.locale === BASE_LOCALE)?.body ?? '';
		const changed = previous.trim() !== input.description.trim();
		const sourceRevision =
			changed && !options.minor && previous ? org.sourceRevision + 1 : org.sourceRevision;
		const updated = await queries.updateOrganisation(tx, org.id, {
			...profileValues(input),
			visibility,
			sourceRevision
		});
		if (changed) await saveGerman(tx, org.id, input.description, sourceRevision);
		await refreshSearchOf(tx, updated!);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'organisation.update',
			subjectType: 'organisation',
			subjectId: org.id,
			details: { minor: options.minor, descriptionChanged: changed }
		});
	});
	invalidatePageCache();
}

async function saveGerman(db: DbOrTx, organisationId: number, body: string, sourceRevision: number) {
	if (body.trim()) {
		await queries.upsertDescription(db, {
			organisationId,
			locale: BASE_LOCALE,
			body: body.trim(),
			sourceRevision,
			reviewed: true
		});
	} else {
		await queries.deleteDescription(db, organisationId, BASE_LOCALE);
	}
}

export async function getDescription(ctx: ServiceContext, organisationId: number, locale: Locale) {
	const org = await loadForEdit(ctx, organisationId);
	const rows = await queries.descriptionsOf(ctx.db, org.id);
	const row = rows.find((d) => d.locale === locale);
	return {
		organisation: { id: org.id, name: org.name, slug: org.slug },
		source: rows.find((d) => d.locale === BASE_LOCALE)?.body ?? '',
		body: row?.body ?? '',
		status: translationStatus(org.sourceRevision, row?.body ? row : undefined),
		reviewed: row?.reviewed ?? false
	};
}

/** Saves a translation of the description as made from the present German text. */
export async function saveTranslation(
	ctx: ServiceContext,
	organisationId: number,
	locale: Locale,
	body: string
) {
	if (locale === BASE_LOCALE) throw new Invalid('forms_invalid');
	const org = await loadForEdit(ctx, organisationId);
	await ctx.db.transaction(async (tx) => {
		if (body.trim()) {
			await queries.upsertDescription(tx, {
				organisationId: org.id,
				locale,
				body: body.trim(),
				sourceRevision: org.sourceRevision,
				reviewed: true
			});
		} else {
			await queries.deleteDescription(tx, org.id, locale);
		}
		await refreshSearchOf(tx, org);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'organisation.translate',
			subjectType: 'organisation',
			subjectId: org.id,
			details: { locale }
		});
	});
	invalidatePageCache();
}

/** Replaces the logo with the re-encoded upload; the old file is removed after the switch. */
export async function setLogo(
	ctx: ServiceContext,
	storage: FileStorage,
	organisationId: number,
	upload: Uint8Array
) {
	const org = await loadForEdit(ctx, organisationId);
	const image = await processLogo(upload);
	// A new name per upload: cached copies of the old logo can live forever (immutable caching).
	const key = `logos/${org.id}-${randomBytes(6).toString('hex')}.webp`;
	await storage.put(key, image.bytes, image.contentType);
	await ctx.db.transaction(async (tx) => {
		await queries.updateOrganisation(tx, org.id, { logoKey: key });
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'organisation.logo',
			subjectType: 'organisation',
			subjectId: org.id
		});
	});
	if (org.logoKey) await storage.delete(org.logoKey);
	invalidatePageCache();
}

export async function removeLogo(ctx: ServiceContext, storage: FileStorage, organisationId: number) {
	const org = await loadForEdit(ctx, organisationId);
	if (!org.logoKey) return;
	await queries.updateOrganisation(ctx.db, org.id, { logoKey: null });
	await storage.delete(org.logoKey);
	invalidatePageCache();
}

/** A logo file, if it belongs to a profile the actor may see. */
export async function getLogo(ctx: ServiceContext, storage: FileStorage, file: string) {
	requireAccess(ctx.actor, 'directory.read');
	if (!/^\d+-[0-9a-f]{12}\.webp$/.test(file)) throw new NotFound(file);
	const org = await queries.findOrganisation(ctx.db, { id: Number(file.split('-')[0]) });
	if (!org || org.logoKey !== `logos/${file}`) throw new NotFound(file);
	const stored = await storage.get(org.logoKey);
	if (!stored) throw new NotFound(file);
	return stored;
}

/** The organisations the signed-in person belongs to. */
export async function myOrganisations(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'account.own');
	return queries.organisationsOfUser(ctx.db, ctx.actor.userId!);
}

export async function getTeam(ctx: ServiceContext, organisationId: number) {
	requireAccess(ctx.actor, 'organisation.view_members', { organisationId });
	const org = await queries.findOrganisation(ctx.db, { id: organisationId });
	if (!org) throw new NotFound(`organisation ${organisationId}`);
	const [members, invitations] = await Promise.all([
		queries.teamOf(ctx.db, organisationId),
		queries.openInvitationsOf(ctx.db, organisationId, new Date())
	]);
	return { organisation: { id: org.id, name: org.name, slug: org.slug }, members, invitations };
}

/** Invites a colleague by email; the link works for the account with that email address only. */
export async function inviteColleague(
	ctx: ServiceContext,
	organisationId: number,
	input: { email: string; role: 'org_admin' | 'org_member' },
	options: { origin: string; locale: Locale }
) {
	requireAccess(ctx.actor, 'organisation.invite', { organisationId });
	const org = await queries.findOrganisation(ctx.db, { id: organisationId });
	if (!org) throw new NotFound(`organisation ${organisationId}`);
	const email = input.email.trim().toLowerCase();
	const team = await queries.teamOf(ctx.db, organisationId);
	if (team.some((t) => t.email === email)) throw new Conflict('directory_invite_already_member');
	await limitRequests(ctx.db, ctx.actor.userId!);
	const inviter = await findUserById(ctx.db, ctx.actor.userId!);
	await ctx.db.transaction(async (tx) => {
		await createInvitation(tx, {
			organisation: org,
			email,
			role: input.role,
			invitedBy: ctx.actor.userId!,
			inviterName: inviter?.name ?? '',
			...options
		});
	});
}

/**
 * Creates an invitation and mails its link. Callers check the right to invite (the organisation's
 * admins; the board when a membership is approved) and pass their transaction.
 */
export async function createInvitation(
	db: DbOrTx,
	details: {
		organisation: { id: number; name: string };
		email: string;
		role: 'org_admin' | 'org_member';
		invitedBy: number;
		inviterName: string;
		origin: string;
		locale: Locale;
	}
) {
	const token = generateToken();
	await queries.insertInvitation(db, {
		id: hashToken(token),
		organisationId: details.organisation.id,
		email: details.email.trim().toLowerCase(),
		role: details.role,
		invitedBy: details.invitedBy,
		expiresAt: new Date(Date.now() + INVITATION_TTL_MS)
	});
	await queueInvitationMail(
		db,
		{ email: details.email, name: '', locale: details.locale },
		{ organisation: details.organisation.name, inviter: details.inviterName, origin: details.origin, token }
	);
	await audit(db, {
		actorId: details.invitedBy,
		action: 'organisation.invite',
		subjectType: 'organisation',
		subjectId: details.organisation.id,
		details: { role: details.role }
	});
}

export async function revokeInvitation(ctx: ServiceContext, organisationId: number, invitationId: string) {
	requireAccess(ctx.actor, 'organisation.invite', { organisationId });
	await queries.deleteInvitation(ctx.db, organisationId, invitationId);
}

/** What the invitation page shows before the person accepts. */
export async function previewInvitation(ctx: ServiceContext, token: string) {
	requireAccess(ctx.actor, 'account.own');
	const invitation = await queries.findInvitation(ctx.db, hashToken(token));
	if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date()) {
		throw new Invalid('directory_invitation_invalid');
	}
	const org = await queries.findOrganisation(ctx.db, { id: invitation.organisationId });
	if (!org) throw new Invalid('directory_invitation_invalid');
	return {
		organisation: { id: org.id, name: org.name, slug: org.slug },
		role: invitation.role,
		email: invitation.email
	};
}

export async function acceptInvitation(ctx: ServiceContext, token: string) {
	const preview = await previewInvitation(ctx, token);
	const user = await findUserById(ctx.db, ctx.actor.userId!);
	// A forwarded link must not make someone else a member of the team.
	if (!user || user.email !== preview.email) throw new Forbidden('directory_invitation_wrong_account');
	await ctx.db.transaction(async (tx) => {
		if (!(await queries.acceptInvitation(tx, hashToken(token), new Date()))) {
			throw new Invalid('directory_invitation_invalid');
		}
		const team = await queries.teamOf(tx, preview.organisation.id);
		const current = team.find((t) => t.userId === user.id)?.role;
		// Accepting a member invitation never demotes an admin.
		const role = current === 'org_admin' ? 'org_admin' : preview.role;
		await queries.setRole(tx, preview.organisation.id, user.id, role);
		await audit(tx, {
			actorId: user.id,
			action: 'organisation.join',
			subjectType: 'organisation',
			subjectId: preview.organisation.id,
			details: { role }
		});
	});
	return preview.organisation;
}

/** Removes someone from the team (or lets a person leave); the last admin cannot go. */
export async function removeTeamMember(ctx: ServiceContext, organisationId: number, userId: number) {
	if (userId !== ctx.actor.userId) requireAccess(ctx.actor, 'organisation.invite', { organisationId });
	else requireAccess(ctx.actor, 'organisation.view_members', { organisationId });
	await ctx.db.transaction(async (tx) => {
		const team = await queries.teamOf(tx, organisationId);
		const target = team.find((t) => t.userId === userId);
		if (!target) throw new NotFound(`team member ${userId}`);
		const admins = team.filter((t) => t.role === 'org_admin');
		if (target.role === 'org_admin' && admins.length === 1) throw new Conflict('directory_last_org_admin');
		await queries.removeRole(tx, organisationId, userId);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'organisation.remove_member',
			subjectType: 'organisation',
			subjectId: organisationId,
			details: { userId }
		});
	});
}

/** Membership in the association, set by the board until the membership register exists. */
export async function setMembership(ctx: ServiceContext, organisationId: number, isMember: boolean) {
	requireAccess(ctx.actor, 'directory.set_member');
	const org = await queries.findOrganisation(ctx.db, { id: organisationId });
	if (!org) throw new NotFound(`organisation ${organisationId}`);
	await ctx.db.transaction(async (tx) => {
		await queries.updateOrganisation(tx, org.id, { isMember });
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'organisation.membership',
			subjectType: 'organisation',
			subjectId: org.id,
			details: { isMember }
		});
	});
	invalidatePageCache();
}

export async function listOrganisations(ctx: ServiceContext, options: { page: number; status?: string }) {
	requireAccess(ctx.actor, 'directory.review');
	const limit = 50;
	const rows = await queries.listAll(ctx.db, {
		limit,
		offset: (options.page - 1) * limit,
		status: options.status
	});
	const total = rows[0]?.total ?? 0;
	return { rows, total, pageCount: Math.max(1, Math.ceil(total / limit)) };
}

/**
 * Deletes a profile with its descriptions, team roles, invitations, requests and logo (erasure:
 * an organisation can leave the directory completely). The audit log keeps the name and who did it.
 */
export async function deleteOrganisation(ctx: ServiceContext, storage: FileStorage, organisationId: number) {
	const org = await loadForEdit(ctx, organisationId);
	await ctx.db.transaction(async (tx) => {
		await queries.deleteOrganisation(tx, org.id);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'organisation.delete',
			subjectType: 'organisation',
			subjectId: org.id,
			details: { name: org.name }
		});
	});
	if (org.logoKey) await storage.delete(org.logoKey);
	invalidatePageCache();
}
