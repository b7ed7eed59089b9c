import { appStorage } from '#lib/server/app.ts';
import { getEventImage } from '#lib/server/events/events.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// Images get a new name on every upload, so they can be cached for good (drafts: privately).
export const GET = async ({ locals, params }) => {
	const image = await orHttpError(locals.locale, () => getEventImage(locals.ctx, appStorage(), params.file));
	return new Response(new Uint8Array(image.bytes), {
		headers: {
			'content-type': 'image/webp',
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			'content-disposition': 'inline; filename="bild.webp"'
		}
	});
};
