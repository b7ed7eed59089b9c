import { verifyCertificate } from '#lib/server/events/certificate.service.ts';

/** Anyone can check a certificate's code (GET form, so it works from a link or without JS). */
export const load = async ({ locals, url }) => {
	const code = (url.searchParams.get('code') ?? '').slice(0, 40);
	return { code, result: code ? await verifyCertificate(locals.ctx, code) : undefined };
};
