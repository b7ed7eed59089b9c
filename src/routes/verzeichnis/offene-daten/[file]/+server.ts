import { error } from '@sveltejs/kit';
import { exportPublic, type ExportRecord } from '#lib/server/directory/directory.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { toCsv } from '#lib/server/http/csv.ts';

const LICENCE = 'CC-BY-4.0';
const LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';

// Open data: the public fields of every published profile, as CSV or JSON, with the licence stated.
export const GET = async ({ locals, params, url }) => {
	const format =
		params.file === 'verzeichnis.csv' ? 'csv' : params.file === 'verzeichnis.json' ? 'json' : null;
	if (!format) error(404);
	const records = await orHttpError(locals.locale, () => exportPublic(locals.ctx, url.origin));
	const headers = {
		'content-disposition': `attachment; filename="${params.file}"`,
		'x-content-type-options': 'nosniff',
		'cache-control': 'public, max-age=300',
		link: `<${LICENCE_URL}>; rel="license"`
	};
	if (format === 'csv') {
		return new Response(toCsv(records as unknown as Record<string, unknown>[]), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
		});
	}
	const body: {
		licence: string;
		licenceUrl: string;
		source: string;
		generated: string;
		organisations: ExportRecord[];
	} = {
		licence: LICENCE,
		licenceUrl: LICENCE_URL,
		source: `${url.origin}/verzeichnis`,
		generated: new Date().toISOString(),
		organisations: records
	};
	return new Response(JSON.stringify(body, null, 1), {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
};
