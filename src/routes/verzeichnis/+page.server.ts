import { parseDirectoryQuery } from '#lib/directory/query.ts';
import { searchDirectory } from '#lib/server/directory/directory.service.ts';
import { DISTRICT_GEOMETRY } from '#lib/server/directory/geo/geometry.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	const query = parseDirectoryQuery(url.searchParams);
	const result = await orHttpError(locals.locale, () => searchDirectory(locals.ctx, query));
	return { query, result, geometry: DISTRICT_GEOMETRY, signedIn: locals.session !== null };
};
