import type { SiteRole } from '#lib/server/db/schema/index.ts';
import { Forbidden } from '#lib/server/errors.ts';

/** Who is acting. Anonymous visitors have no user id and no roles. */
export interface Actor {
	userId: number | null;
	roles: readonly SiteRole[];
}

export const ANONYMOUS: Actor = Object.freeze({ userId: null, roles: Object.freeze([]) });

/** Everything a service may be asked to do. Anything not listed here is denied. */
export type Action =
	| 'content.read'
	| 'content.edit'
	| 'settings.read_public'
	| 'settings.read_all'
	| 'settings.edit'
	| 'users.manage'
	| 'admin.access';

const PUBLIC: ReadonlySet<Action> = new Set(['content.read', 'settings.read_public']);

const BY_ROLE: Record<SiteRole, ReadonlySet<Action>> = {
	admin: new Set<Action>([
		'content.edit',
		'settings.read_all',
		'settings.edit',
		'users.manage',
		'admin.access'
	]),
	board: new Set<Action>(['settings.read_all', 'admin.access']),
	editor: new Set<Action>(['content.edit', 'admin.access'])
};

/** Deny by default: an action is allowed only where it is listed for the public or a role. */
export function can(actor: Actor, action: Action): boolean {
	if (PUBLIC.has(action)) return true;
	return actor.roles.some((role) => BY_ROLE[role]?.has(action) ?? false);
}

export function requireAccess(actor: Actor, action: Action): void {
	if (!can(actor, action)) throw new Forbidden(action);
}
