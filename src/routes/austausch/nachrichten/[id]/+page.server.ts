import { messageSchema } from '#lib/schemas/exchange.ts';
import {
	acceptConversation,
	getConversation,
	sendMessage
} from '#lib/server/exchange/conversations.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'exchange.participate');
	return orHttpError(locals.locale, () => getConversation(locals.ctx, idParam(params.id)));
};

export const actions = {
	accept: async ({ locals, params, request }) => {
		guardPage(locals, 'exchange.participate');
		const form = await request.formData();
		try {
			await acceptConversation(locals.ctx, idParam(params.id));
		} catch (e) {
			return failWith(e, form);
		}
		return { accepted: true };
	},
	send: async ({ locals, params, request, url }) => {
		guardPage(locals, 'exchange.participate');
		const form = await request.formData();
		const parsed = parseForm(form, messageSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await sendMessage(locals.ctx, idParam(params.id), parsed.data.body, url.origin);
		} catch (e) {
			return failWith(e, form);
		}
		return { sent: true };
	}
};
