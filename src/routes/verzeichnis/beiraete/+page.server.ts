import { councilCoverage } from '#lib/server/directory/directory.service.ts';
import { DISTRICT_GEOMETRY } from '#lib/server/directory/geo/geometry.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals }) => ({
	coverage: await orHttpError(locals.locale, () => councilCoverage(locals.ctx)),
	geometry: DISTRICT_GEOMETRY
});
