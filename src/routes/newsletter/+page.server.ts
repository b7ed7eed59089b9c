import { subscribeSchema } from '#lib/schemas/newsletter.ts';
import { subscribe } from '#lib/server/newsletter/subscription.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, subscribeSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await subscribe(
				event.locals.ctx,
				{ email: parsed.data.email, locale: parsed.data.language, topics: parsed.data.topics },
				{ ip: clientIp(event), origin: event.url.origin }
			);
		} catch (e) {
			return failWith(e, form);
		}
		return { subscribed: true };
	}
};
