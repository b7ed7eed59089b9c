import type { SiteRole } from '#lib/server/db/schema/index.ts';
import { Forbidden } from '#lib/server/errors.ts';

export type OrganisationRole = 'org_admin' | 'org_member';

/** Who is acting. Anonymous visitors have no user id and no roles. */
export interface Actor {
	userId: number | null;
	roles: readonly SiteRole[];
	/** Whether this session has passed the second factor. */
	twoFactorVerified?: boolean;
	/** Roles in organisations (the directory fills these in). */
	organisationRoles?: readonly { organisationId: number; role: OrganisationRole; isMember?: boolean }[];
}

/** The record an action is about, where the answer depends on it. */
export interface Resource {
	organisationId?: number;
	ownerId?: number;
}

export const ANONYMOUS: Actor = Object.freeze({
	userId: null,
	roles: Object.freeze([]),
	twoFactorVerified: false
});

/** Everything a service may be asked to do. Anything not listed here is denied. */
export type Action =
	| 'content.read'
	| 'content.edit'
	| 'settings.read_public'
	| 'settings.read_all'
	| 'settings.edit'
	| 'users.manage'
	| 'admin.access'
	| 'audit.read'
	| 'mail.read_outbox'
	| 'jobs.manage'
	| 'contact.manage'
	| 'account.own'
	| 'directory.read'
	| 'directory.propose'
	| 'directory.claim'
	| 'directory.review'
	| 'directory.set_member'
	| 'membership.apply'
	| 'membership.review'
	| 'membership.register'
	| 'organisation.edit'
	| 'organisation.invite'
	| 'organisation.view_members'
	| 'events.read'
	| 'events.register'
	| 'events.manage'
	| 'events.publish'
	| 'newsletter.subscribe'
	| 'newsletter.manage'
	| 'exchange.participate'
	| 'exchange.moderate'
	| 'exchange.curate'
	| 'documents.read'
	| 'documents.manage'
	| 'circulars.read'
	| 'circulars.send'
	| 'volunteering.read'
	| 'volunteering.post'
	| 'volunteering.review';

const PUBLIC: ReadonlySet<Action> = new Set([
	'content.read',
	'settings.read_public',
	'directory.read',
	'membership.apply',
	'events.read',
	'events.register',
	'newsletter.subscribe',
	'documents.read',
	'volunteering.read'
]);
const SIGNED_IN: ReadonlySet<Action> = new Set([
	'account.own',
	'directory.propose',
	'directory.claim',
	'exchange.participate',
	'circulars.read'
]);

const BY_ROLE: Record<SiteRole, ReadonlySet<Action>> = {
	admin: new Set<Action>([
		'content.edit',
		'settings.read_all',
		'settings.edit',
		'users.manage',
		'admin.access',
		'audit.read',
		'mail.read_outbox',
		'jobs.manage',
		'contact.manage',
		'directory.review',
		'directory.set_member',
		'organisation.edit',
		'organisation.invite',
		'organisation.view_members',
		'events.manage',
		'events.publish',
		'newsletter.manage',
		'exchange.moderate',
		'exchange.curate',
		'documents.manage',
		'circulars.send',
		'volunteering.review'
	]),
	board: new Set<Action>([
		'settings.read_all',
		'admin.access',
		'audit.read',
		'contact.manage',
		'directory.set_member',
		'organisation.view_members',
		// The member register is the board's alone (not the admins'): personal data, need to know.
		'membership.review',
		'membership.register',
		'documents.manage',
		'circulars.send'
	]),
	editor: new Set<Action>([
		'content.edit',
		'admin.access',
		'contact.manage',
		'directory.review',
		'organisation.edit',
		'organisation.view_members',
		'events.manage',
		'events.publish',
		'newsletter.manage',
		'exchange.moderate',
		'exchange.curate',
		'documents.manage',
		'circulars.send',
		'volunteering.review'
	]),
	moderator: new Set<Action>(['exchange.moderate'])
};

/** Roles whose rights count only after the second factor (admin area for the board and admins). */
export const TWO_FACTOR_ROLES: ReadonlySet<SiteRole> = new Set(['admin', 'board']);

/** The roles whose rights apply to this actor now. */
export function effectiveRoles(actor: Actor): SiteRole[] {
	return actor.roles.filter((role) => !TWO_FACTOR_ROLES.has(role) || actor.twoFactorVerified === true);
}

/** What organisation roles allow, always within their own organisation only. */
const BY_ORGANISATION_ROLE: Record<OrganisationRole, ReadonlySet<Action>> = {
	org_admin: new Set<Action>([
		'organisation.edit',
		'organisation.invite',
		'organisation.view_members',
		'events.manage',
		'volunteering.post'
	]),
	org_member: new Set<Action>(['organisation.view_members'])
};

function canInOrganisation(actor: Actor, action: Action, resource?: Resource): boolean {
	if (resource?.organisationId === undefined) return false;
	return (actor.organisationRoles ?? []).some(
		(r) =>
			r.organisationId === resource.organisationId && (BY_ORGANISATION_ROLE[r.role]?.has(action) ?? false)
	);
}

/**
 * Deny by default: an action is allowed only where it is listed for the public, any signed-in user,
 * a site role, or an organisation role for the resource's own organisation.
 */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
	if (PUBLIC.has(action)) return true;
	if (actor.userId === null) return false;
	if (SIGNED_IN.has(action)) return true;
	if (effectiveRoles(actor).some((role) => BY_ROLE[role]?.has(action) ?? false)) return true;
	return canInOrganisation(actor, action, resource);
}

export function requireAccess(actor: Actor, action: Action, resource?: Resource): void {
	if (!can(actor, action, resource)) throw new Forbidden(action);
}

/** True when the actor holds a role that needs a second factor but has not given one in this session. */
export function needsSecondFactor(actor: Actor): boolean {
	return actor.roles.some((role) => TWO_FACTOR_ROLES.has(role)) && actor.twoFactorVerified !== true;
}

/**
 * How much of an organisation's profile the actor may see: its own team and the board see every
 * field, members of the association (people in a member organisation) and editors see what is
 * marked for members, everyone else what is public.
 */
export function profileClearance(actor: Actor, organisationId: number): 'public' | 'members' | 'board' {
	if (actor.userId === null) return 'public';
	const roles = effectiveRoles(actor);
	if (roles.includes('admin') || roles.includes('board')) return 'board';
	const own = actor.organisationRoles ?? [];
	if (own.some((r) => r.organisationId === organisationId)) return 'board';
	if (roles.includes('editor') || own.some((r) => r.isMember === true)) return 'members';
	return 'public';
}
