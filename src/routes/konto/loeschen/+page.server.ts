import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { confirmPasswordSchema } from '#lib/schemas/auth.ts';
import { deleteMyAccount } from '#lib/server/accounts/profile.service.ts';
import { clearSessionCookie } from '#lib/server/auth/session.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { clientIp } from '#lib/server/http/request.ts';

export const load = ({ locals }) => {
	guardPage(locals, 'account.own');
	return {};
};

export const actions = {
	default: async (event) => {
		guardPage(event.locals, 'account.own');
		const form = await event.request.formData();
		const parsed = parseForm(form, confirmPasswordSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await deleteMyAccount(event.locals.ctx, parsed.data.password, clientIp(event));
		} catch (error) {
			return failWith(error, form, 'password');
		}
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, `${localizePath('/', event.locals.locale)}`);
	}
};
