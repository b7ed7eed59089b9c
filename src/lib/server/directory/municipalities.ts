import municipalities from './geo/municipalities.json' with { type: 'json' };

/**
 * Changes since the boundary data's vintage (1 Jan 2016) that we know of for certain; the list is
 * otherwise BKG's. Saxony had 418 municipalities in 2024, so a few merged ones are still listed:
 * that is why an unknown name is accepted (the list only suggests and normalises spelling).
 */
const MERGED_INTO: Record<string, { into: string; districtKey: string }> = {
	Aue: { into: 'Aue-Bad Schlema', districtKey: '14521' },
	'Bad Schlema': { into: 'Aue-Bad Schlema', districtKey: '14521' },
	Pfaffroda: { into: 'Olbernhau', districtKey: '14521' },
	Reuth: { into: 'Weischlitz', districtKey: '14523' },
	'Bretnig-Hauswalde': { into: 'Großröhrsdorf', districtKey: '14625' },
	Narsdorf: { into: 'Geithain', districtKey: '14729' },
	Krauschwitz: { into: 'Krauschwitz i.d. O.L.', districtKey: '14626' }
};

const collator = new Intl.Collator('de');
const CURRENT: { name: string; districtKey: string }[] = (() => {
	const list = municipalities.map((m) => {
		const merged = MERGED_INTO[m.name];
		return merged && merged.districtKey === m.districtKey
			? { name: merged.into, districtKey: m.districtKey }
			: m;
	});
	const seen = new Set<string>();
	return list
		.filter((m) => !seen.has(`${m.districtKey}:${m.name}`) && seen.add(`${m.districtKey}:${m.name}`))
		.sort((a, b) => a.districtKey.localeCompare(b.districtKey) || collator.compare(a.name, b.name));
})();

/** A place name compared without case, extra spaces or Unicode form differences. */
export const normalizePlace = (name: string) =>
	name.normalize('NFC').toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();

/** Names of the municipalities of a district, in German order. */
export function municipalitiesOf(districtKey: string): string[] {
	return CURRENT.filter((m) => m.districtKey === districtKey).map((m) => m.name);
}

/** Every Saxon municipality name once, for the form's suggestions. */
export function allMunicipalities(): string[] {
	return [...new Set(CURRENT.map((m) => m.name))].sort(collator.compare);
}

/**
 * The official spelling of a municipality of the district where we know it (so the coverage page
 * can match councils to municipalities), otherwise the name as typed, tidied.
 */
export function officialMunicipality(districtKey: string, name: string): string {
	const wanted = normalizePlace(name);
	const found = CURRENT.find((m) => m.districtKey === districtKey && normalizePlace(m.name) === wanted);
	return found?.name ?? name.trim().replace(/\s+/g, ' ');
}
