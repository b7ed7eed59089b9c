import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { newPasswordSchema } from '#lib/schemas/auth.ts';
import { resetPassword } from '#lib/server/auth/auth.service.ts';
import { clearSessionCookie } from '#lib/server/auth/session.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { requestMeta } from '#lib/server/http/request.ts';

export const load = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, newPasswordSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await resetPassword(event.locals.ctx.db, parsed.data.token, parsed.data.password, requestMeta(event));
		} catch (error) {
			return failWith(error, form, 'password');
		}
		// Every session of the account has ended, this browser's included.
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, `${localizePath('/anmelden', event.locals.locale)}?reset=1`);
	}
};
