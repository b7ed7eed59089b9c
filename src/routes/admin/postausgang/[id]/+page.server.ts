import { outboxMail } from '#lib/server/admin/outbox.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	const mail = await orHttpError(locals.locale, () => outboxMail(locals.ctx, Number(params.id)));
	return {
		mail: {
			id: mail.id,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			status: mail.status,
			createdAt: mail.createdAt,
			error: mail.error
		}
	};
};
