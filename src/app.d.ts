import type { Locale } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { ValidSession } from '#lib/server/auth/session.service.ts';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Reference shown to the visitor and written to the log for unexpected errors. */
			id?: string;
		}
		interface Locals {
			locale: Locale;
			dir: 'ltr' | 'rtl';
			/** The locale-free path, e.g. `/ueber-uns` for `/ar/ueber-uns`. */
			path: string;
			ctx: ServiceContext;
			/** The signed-in session; null for visitors and while a second factor is pending. */
			session: ValidSession | null;
			/** A session that passed the password but still owes its second factor. */
			pendingSecondFactor: ValidSession | null;
		}
	}
}

export {};
