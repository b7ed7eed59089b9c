import { json } from '@sveltejs/kit';
import { exportMyData } from '#lib/server/accounts/profile.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

/** "Download my data" (Art. 15 and 20 DSGVO): everything stored about the signed-in person, as JSON. */
export const GET = async (event) => {
	guardPage(event.locals, 'account.own');
	const data = await orHttpError(event.locals.locale, () => exportMyData(event.locals.ctx, clientIp(event)));
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="meine-daten.json"',
			'cache-control': 'private, no-store'
		}
	});
};
