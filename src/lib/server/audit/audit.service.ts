import type { DbOrTx } from '#lib/server/db/client.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './audit.queries.ts';

export interface AuditEvent {
	actorId?: number | null;
	actorLabel?: string | null;
	action: string;
	subjectType?: string;
	subjectId?: string | number;
	details?: Record<string, unknown>;
	ip?: string | null;
}

const SECRET_KEYS = /pass|token|secret|code|hash/i;

/** Records an event. Details whose key looks like a secret are dropped, whatever the caller passes. */
export async function audit(db: DbOrTx, event: AuditEvent) {
	const details = Object.fromEntries(
		Object.entries(event.details ?? {}).filter(([key]) => !SECRET_KEYS.test(key))
	);
	await queries.insertAuditEntry(db, {
		actorId: event.actorId ?? null,
		actorLabel: event.actorLabel ?? null,
		action: event.action,
		subjectType: event.subjectType ?? null,
		subjectId: event.subjectId === undefined ? null : String(event.subjectId),
		details,
		ip: event.ip ?? null
	});
}

export async function listAudit(ctx: ServiceContext, options: { search?: string; page: number }) {
	requireAccess(ctx.actor, 'audit.read');
	const limit = 50;
	const search = options.search?.trim().slice(0, 100) || undefined;
	const rows = await queries.listAuditEntries(ctx.db, {
		search,
		limit: limit + 1,
		offset: (options.page - 1) * limit
	});
	const entries = rows.slice(0, limit).map(({ entry, actorEmail }) => ({
		id: entry.id,
		at: entry.at,
		actor: entry.actorLabel ?? actorEmail ?? null,
		action: entry.action,
		subject: entry.subjectType
			? `${entry.subjectType}${entry.subjectId ? ` #${entry.subjectId}` : ''}`
			: null,
		details: entry.details,
		ip: entry.ip
	}));
	return { entries, hasMore: rows.length > limit };
}
