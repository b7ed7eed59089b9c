import { exportRegister } from '#lib/server/membership/register.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

// The register as CSV for German Excel: UTF-8 with BOM, ";" as separator. Every export is audited.
export const GET = async (event) => {
	const { locals } = event;
	guardPage(locals, 'membership.register');
	const csv = await orHttpError(locals.locale, () => exportRegister(locals.ctx, clientIp(event)));
	const today = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="mitglieder-${today}.csv"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
