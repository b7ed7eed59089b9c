import { replySchema } from '#lib/schemas/contact.ts';
import {
	answerContactMessage,
	getContactMessage,
	markContactMessageAnswered
} from '#lib/server/contact/contact.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { kickJobs } from '#lib/server/app.ts';

export const load = async ({ locals, params }) => {
	const message = await orHttpError(locals.locale, () => getContactMessage(locals.ctx, Number(params.id)));
	return {
		message: {
			id: message.id,
			name: message.name,
			email: message.email,
			subject: message.subject,
			message: message.message,
			locale: message.locale,
			status: message.status,
			createdAt: message.createdAt,
			consentAt: message.consentAt,
			consentVersion: message.consentVersion
		}
	};
};

export const actions = {
	reply: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, replySchema);
		if (parsed.failure) return parsed.failure;
		try {
			await answerContactMessage(
				event.locals.ctx,
				Number(event.params.id),
				parsed.data.reply,
				clientIp(event)
			);
		} catch (error) {
			return failWith(error, form, 'reply');
		}
		kickJobs();
		return { replied: true };
	},
	answered: async (event) => {
		const form = await event.request.formData();
		try {
			await markContactMessageAnswered(event.locals.ctx, Number(event.params.id), clientIp(event));
		} catch (error) {
			return failWith(error, form);
		}
		return { marked: true };
	}
};
