import { appStorage } from '#lib/server/app.ts';
import { downloadVersion } from '#lib/server/library/library.service.ts';
import { downloadResponse } from '#lib/server/http/download.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orSignIn } from '#lib/server/http/sign-in.ts';

/** Visitors without access are sent to sign in. */
export const GET = async ({ locals, params }) =>
	downloadResponse(
		await orSignIn(locals, () => downloadVersion(locals.ctx, appStorage(), idParam(params.version)))
	);
