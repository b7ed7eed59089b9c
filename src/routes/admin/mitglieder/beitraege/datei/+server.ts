import { appStorage } from '#lib/server/app.ts';
import { directDebitFile } from '#lib/server/membership/dues.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// A direct-debit file (pain.008) made earlier: for the board only, always a download.
export const GET = async ({ locals, url }) => {
	guardPage(locals, 'membership.register');
	const id = url.searchParams.get('id') ?? '';
	const bytes = await orHttpError(locals.locale, () => directDebitFile(locals.ctx, appStorage(), id));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/xml',
			'content-disposition': `attachment; filename="${id.toLowerCase()}.xml"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
