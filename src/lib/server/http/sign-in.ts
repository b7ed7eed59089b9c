import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { Forbidden } from '#lib/server/errors.ts';
import { orHttpError } from './service-errors.ts';

/**
 * Like orHttpError, but a visitor who is not signed in and is refused is sent to sign in (and
 * back), instead of seeing "forbidden" for something members may read.
 */
export async function orSignIn<T>(locals: App.Locals, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (error instanceof Forbidden && locals.session === null)
			redirect(303, `${localizePath('/anmelden', locals.locale)}?next=${encodeURIComponent(locals.path)}`);
		return orHttpError(locals.locale, () => Promise.reject(error));
	}
}
