import type { ServiceContext } from '#lib/server/context.ts';
import { NotFound } from '#lib/server/errors.ts';
import { getOutboxMail, listOutbox } from '#lib/server/mail/mail.service.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';

/** The outbox for admins: without SMTP_URL this is where the platform's mails end up. */
export async function outboxPage(ctx: ServiceContext, page: number) {
	requireAccess(ctx.actor, 'mail.read_outbox');
	const limit = 50;
	const rows = await listOutbox(ctx.db, { limit: limit + 1, offset: (page - 1) * limit });
	return { mails: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function outboxMail(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'mail.read_outbox');
	const mail = Number.isSafeInteger(id) ? await getOutboxMail(ctx.db, id) : null;
	if (!mail) throw new NotFound(`outbox ${id}`);
	return mail;
}
