import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { signInSchema } from '#lib/schemas/auth.ts';
import { signIn } from '#lib/server/auth/auth.service.ts';
import { setSessionCookie } from '#lib/server/auth/session.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { requestMeta, safeReturnPath } from '#lib/server/http/request.ts';

export const load = ({ locals, url }) => {
	if (locals.session) redirect(303, safeReturnPath(url.searchParams.get('next'), locals.locale));
	return { next: url.searchParams.get('next') ?? '', reset: url.searchParams.has('reset') };
};

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, signInSchema);
		if (parsed.failure) return parsed.failure;
		let result;
		try {
			result = await signIn(event.locals.ctx.db, parsed.data, requestMeta(event));
		} catch (error) {
			return failWith(error, form);
		}
		setSessionCookie(event.cookies, result.token, result.expiresAt, event.url.protocol === 'https:');
		const next = String(form.get('next') ?? '');
		if (result.secondFactorPending) {
			redirect(
				303,
				`${localizePath('/anmelden/zweiter-faktor', event.locals.locale)}?next=${encodeURIComponent(next)}`
			);
		}
		redirect(303, safeReturnPath(next, event.locals.locale));
	}
};
