import type { Locale } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';

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
		}
	}
}

export {};
