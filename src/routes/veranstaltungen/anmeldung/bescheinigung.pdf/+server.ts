import { participationCertificate } from '#lib/server/events/certificate.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const GET = async ({ locals, url }) => {
	const token = url.searchParams.get('token') ?? '';
	const { pdf, filename } = await orHttpError(locals.locale, () =>
		participationCertificate(locals.ctx, token, url.origin)
	);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
