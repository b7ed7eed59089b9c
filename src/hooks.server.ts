import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { appDatabase } from '#lib/server/app.ts';
import { errorFields, log } from '#lib/server/log.ts';
import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import { SESSION_COOKIE, clearSessionCookie, validateSession } from '#lib/server/auth/session.service.ts';
import { resolveLocale, withLocale } from '#lib/server/i18n/request-locale.ts';
import { translate } from '#lib/i18n/messages.ts';
import { securityHeaders } from '#lib/server/http/security-headers.ts';
import { pageCache } from '#lib/server/http/page-cache.ts';
import { rememberOrigin } from '#lib/server/app.ts';

export const init: ServerInit = async () => {
	await appDatabase();
};

const requestLog: Handle = async ({ event, resolve }) => {
	const t0 = performance.now();
	const response = await resolve(event);
	// Path only: query strings may carry personal data, and we log no IP addresses.
	log.info('request', {
		method: event.request.method,
		path: event.url.pathname,
		status: response.status,
		ms: Math.round((performance.now() - t0) * 10) / 10
	});
	return response;
};

const locale: Handle = async ({ event, resolve }) => {
	const decision = resolveLocale(event);
	if (decision.redirect) return decision.redirect;
	const { locale, dir, path } = decision;
	event.locals.locale = locale;
	event.locals.dir = dir;
	event.locals.path = path;
	const response = await withLocale(locale, event.url.origin, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', dir)
		})
	);
	if (decision.vary) response.headers.append('Vary', decision.vary);
	return response;
};

/** Authenticates only; what the visitor may do is decided by the policy in each service. */
const services: Handle = async ({ event, resolve }) => {
	const { db } = await appDatabase();
	event.locals.ctx = { db, actor: ANONYMOUS };
	event.locals.session = null;
	event.locals.pendingSecondFactor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	const session = token ? await validateSession(db, token) : null;
	if (token && !session) clearSessionCookie(event.cookies, event.url.protocol === 'https:');
	if (session && session.user.twoFactorEnabled && !session.twoFactorVerified) {
		event.locals.pendingSecondFactor = session;
	} else if (session) {
		event.locals.session = session;
		event.locals.ctx = {
			db,
			actor: {
				userId: session.user.id,
				roles: session.roles,
				twoFactorVerified: session.twoFactorVerified,
				organisationRoles: session.organisationRoles
			}
		};
	}
	rememberOrigin(event.url.origin);
	const response = await resolve(event);
	// Pages for signed-in people are personal: never stored by browsers' or proxies' caches.
	if (token) response.headers.set('cache-control', 'private, no-store');
	return response;
};

// The page cache comes first (it makes the language decision itself and never caches a redirect),
// so a hit costs no database query and carries all the headers the full response had.
export const handle = sequence(requestLog, pageCache, securityHeaders, locale, services);

export const handleError: HandleServerError = ({ kind, error, event }) => {
	const locale = event.locals.locale;
	if (kind === 'framework' || kind === 'validation') {
		const message = error.status === 404 ? translate('errors_not_found', locale) : error.message;
		return { message };
	}
	if (kind === 'app') return;
	const id = crypto.randomUUID();
	log.error('unexpected error', { id, path: event.url.pathname, ...errorFields(error) });
	return { message: translate('errors_generic', locale), id };
};
