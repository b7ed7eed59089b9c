import type { Reroute } from '@sveltejs/kit/hooks';
import { splitLocalePath } from '#lib/i18n/locales.ts';

/** `/ar/ueber-uns` renders the route `/ueber-uns`; the locale is read from the URL in the server hook. */
export const reroute: Reroute = ({ url }) => splitLocalePath(url.pathname).path;
