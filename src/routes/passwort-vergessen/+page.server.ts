import { emailOnlySchema } from '#lib/schemas/auth.ts';
import { requestPasswordReset } from '#lib/server/auth/auth.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { requestMeta } from '#lib/server/http/request.ts';
import { kickJobs } from '#lib/server/app.ts';

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, emailOnlySchema);
		if (parsed.failure) return parsed.failure;
		try {
			await requestPasswordReset(event.locals.ctx.db, parsed.data.email, requestMeta(event));
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		// The same answer whether or not the address has an account.
		return { sent: true, email: parsed.data.email };
	}
};
