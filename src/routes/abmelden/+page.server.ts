import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { SESSION_COOKIE, clearSessionCookie, endSession } from '#lib/server/auth/session.service.ts';
import { hashToken } from '#lib/server/auth/tokens.ts';

// Signing out changes state, so it is a form post (CSRF-checked), never a link.
export const load = ({ locals }) => {
	redirect(303, localizePath(locals.session ? '/konto' : '/', locals.locale));
};

export const actions = {
	default: async ({ cookies, locals, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await endSession(locals.ctx.db, hashToken(token));
		clearSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, localizePath('/', locals.locale));
	}
};
