import { appStorage } from '#lib/server/app.ts';
import { applicationStatutes } from '#lib/server/membership/review.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// The applicant's statutes, for the board only: always a download, never shown inline.
export const GET = async ({ locals, params }) => {
	guardPage(locals, 'membership.review');
	const id = idParam(params.id);
	const bytes = await orHttpError(locals.locale, () => applicationStatutes(locals.ctx, appStorage(), id));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="satzung-antrag-${id}.pdf"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
