import { contactSchema } from '#lib/schemas/contact.ts';
import { contactFormToken, submitContactMessage } from '#lib/server/contact/contact.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';
import { kickJobs } from '#lib/server/app.ts';

export const load = async ({ locals }) => ({
	association: await getPublicAssociation(locals.ctx),
	formToken: await contactFormToken(locals.ctx.db)
});

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, contactSchema);
		if (parsed.failure) return parsed.failure;
		const { website, formStamp, ...input } = parsed.data;
		try {
			await submitContactMessage(
				event.locals.ctx.db,
				{ ...input, formToken: formStamp, honeypot: website },
				clientIp(event)
			);
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		return { sent: true };
	}
};
