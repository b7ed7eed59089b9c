import { registerSchema } from '#lib/schemas/auth.ts';
import { register } from '#lib/server/auth/auth.service.ts';
import { DomainError } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { requestMeta } from '#lib/server/http/request.ts';
import { kickJobs } from '#lib/server/app.ts';

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, registerSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await register(event.locals.ctx.db, parsed.data, requestMeta(event));
		} catch (error) {
			const passwordProblem = error instanceof DomainError && error.messageKey.startsWith('auth_password_');
			return failWith(error, form, passwordProblem ? 'password' : 'form');
		}
		kickJobs();
		return { registered: true, email: parsed.data.email };
	}
};
