import districts from './districts.json' with { type: 'json' };

/** The map geometry pages need (the licence and source notes stay in the JSON for the docs). */
export const DISTRICT_GEOMETRY = {
	viewBox: districts.viewBox,
	attribution: districts.attribution,
	districts: districts.districts.map(({ key, name, path, labelX, labelY }) => ({
		key,
		name,
		path,
		labelX,
		labelY
	}))
};
