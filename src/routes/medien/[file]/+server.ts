import { appStorage } from '#lib/server/app.ts';
import { getMediaFile } from '#lib/server/content/media.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// Variants get a new name on every upload, so they can be cached for good.
export const GET = async ({ locals, params }) => {
	const file = await orHttpError(locals.locale, () => getMediaFile(locals.ctx, appStorage(), params.file));
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff'
		}
	});
};
