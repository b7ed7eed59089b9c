import type { Handle } from '@sveltejs/kit/hooks';

/**
 * Security headers for every response. The Content-Security-Policy itself comes from
 * svelte.config.js (SvelteKit adds nonces for its own scripts, so no 'unsafe-inline').
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	const https = event.url.protocol === 'https:';
	try {
		applySecurityHeaders(response.headers, https);
	} catch {
		// Some responses (e.g. from fetch) have immutable headers: copy them into a new response.
		response = new Response(response.body, response);
		applySecurityHeaders(response.headers, https);
	}
	return response;
};

export function applySecurityHeaders(headers: Headers, https: boolean) {
	const set = (name: string, value: string) => {
		if (!headers.has(name)) headers.set(name, value);
	};
	set('X-Content-Type-Options', 'nosniff');
	set('Referrer-Policy', 'strict-origin-when-cross-origin');
	set('X-Frame-Options', 'DENY');
	set('Cross-Origin-Opener-Policy', 'same-origin');
	set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (https) set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
