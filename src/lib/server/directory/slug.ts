const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A readable URL slug: "Brücke der Kulturen Zwickau e. V." → "bruecke-der-kulturen-zwickau-e-v". */
export function slugify(name: string): string {
	const slug = name
		.toLocaleLowerCase('de')
		.replace(/[äöüß]/g, (c) => TRANSLITERATION[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'organisation';
}
