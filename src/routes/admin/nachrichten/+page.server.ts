import { CONTACT_STATUSES, type ContactStatus } from '#lib/server/db/schema/contact.ts';
import { listContactMessages } from '#lib/server/contact/contact.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('seite')) || 1));
	const raw = url.searchParams.get('status');
	const status = (CONTACT_STATUSES as readonly string[]).includes(raw ?? '')
		? (raw as ContactStatus)
		: undefined;
	return {
		page,
		status,
		...(await orHttpError(locals.locale, () => listContactMessages(locals.ctx, { status, page })))
	};
};
