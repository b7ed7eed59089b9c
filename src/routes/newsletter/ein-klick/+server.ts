import { redirect } from '@sveltejs/kit';
import { unsubscribe } from '#lib/server/newsletter/subscription.service.ts';

/**
 * One-click unsubscribe (RFC 8058): mail programs POST `List-Unsubscribe=One-Click` here. The token
 * is the authorisation; scripts/serve.mjs lets this one cross-site POST past the CSRF check.
 */
export const POST = async ({ locals, url }) => {
	try {
		await unsubscribe(locals.ctx, url.searchParams.get('token') ?? '');
	} catch {
		return new Response('unknown link', { status: 404 });
	}
	return new Response('unsubscribed', { status: 200, headers: { 'content-type': 'text/plain' } });
};

/** Opened in a browser instead: the page with the button. */
export const GET = ({ url }) => {
	redirect(303, `/newsletter/abmelden?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
};
