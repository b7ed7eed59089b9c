import { appStorage } from '#lib/server/app.ts';
import { getLogo } from '#lib/server/directory/organisation.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// Logo files get a new name on every upload, so they can be cached for good.
export const GET = async ({ locals, params }) => {
	const logo = await orHttpError(locals.locale, () => getLogo(locals.ctx, appStorage(), params.file));
	return new Response(new Uint8Array(logo.bytes), {
		headers: {
			'content-type': 'image/webp',
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			'content-disposition': 'inline; filename="logo.webp"'
		}
	});
};
