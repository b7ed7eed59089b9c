import { getDocument } from '#lib/server/library/library.service.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orSignIn } from '#lib/server/http/sign-in.ts';

export const load = async ({ locals, params }) =>
	orSignIn(locals, () => getDocument(locals.ctx, idParam(params.id)));
