import { applicantAnswerSchema } from '#lib/schemas/membership.ts';
import { kickJobs } from '#lib/server/app.ts';
import { answerQuestion, applicationStatus } from '#lib/server/membership/application.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// The private link from the mails: no account needed; the token is the HMAC of the application id.
export const load = async ({ locals, url }) => {
	const token = url.searchParams.get('token') ?? '';
	return { token, application: await orHttpError(locals.locale, () => applicationStatus(locals.ctx, token)) };
};

export const actions = {
	default: async ({ locals, request, url }) => {
		const form = await request.formData();
		const parsed = parseForm(form, applicantAnswerSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await answerQuestion(locals.ctx, url.searchParams.get('token') ?? '', parsed.data.body, url.origin);
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		return { answered: true };
	}
};
