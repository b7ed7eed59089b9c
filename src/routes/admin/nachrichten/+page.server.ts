import { pageNumber } from '#lib/server/http/request.ts';
import { CONTACT_STATUSES, type ContactStatus } from '#lib/server/db/schema/contact.ts';
import { listContactMessages } from '#lib/server/contact/contact.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	const page = pageNumber(url);
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
