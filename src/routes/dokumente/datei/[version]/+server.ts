import { appStorage } from '#lib/server/app.ts';
import { downloadVersion } from '#lib/server/library/library.service.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orSignIn } from '#lib/server/http/sign-in.ts';

/**
 * Always a download, never shown inline: `attachment`, `nosniff` and a sandboxing CSP, whatever the
 * file claims to be. Visitors without access are sent to sign in.
 */
export const GET = async ({ locals, params }) => {
	const file = await orSignIn(locals, () =>
		downloadVersion(locals.ctx, appStorage(), idParam(params.version))
	);
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};
