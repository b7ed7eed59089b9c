import { DIRECTORY_LANGUAGES, isDistrictKey } from '#lib/directory/directory.ts';
import { listOpportunities } from '#lib/server/volunteering/volunteering.service.ts';

export const load = async ({ locals, url }) => {
	const district = url.searchParams.get('bezirk');
	const language = url.searchParams.get('sprache') ?? '';
	const filters = {
		district: isDistrictKey(district) ? district : '',
		language: (DIRECTORY_LANGUAGES as readonly string[]).includes(language) ? language : ''
	};
	return { filters, items: await listOpportunities(locals.ctx, filters) };
};
