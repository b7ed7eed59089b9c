// The generated map data (scripts/build-map.ts): the 13 districts of Saxony as small SVG paths and
// the municipalities with their district.
import { describe, expect, it } from 'vitest';
import map from './districts.json' with { type: 'json' };
import municipalities from './municipalities.json' with { type: 'json' };

const KEYS = [
	'14511',
	'14521',
	'14522',
	'14523',
	'14524',
	'14612',
	'14625',
	'14626',
	'14627',
	'14628',
	'14713',
	'14729',
	'14730'
];

const [minX, minY, width, height] = map.viewBox.split(' ').map(Number) as [number, number, number, number];
const inViewBox = (x: number, y: number) => x >= minX && x <= minX + width && y >= minY && y <= minY + height;

/** The absolute points a path visits; throws on anything but M/L/H/V/Z (either case) and numbers. */
function absolutePoints(path: string): [number, number][] {
	const tokens = path.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
	if (tokens.join('').length !== path.replace(/[\s,]/g, '').length) throw new Error('unparsable path');
	const points: [number, number][] = [];
	let x = 0;
	let y = 0;
	let startX = 0;
	let startY = 0;
	let command = '';
	let i = 0;
	const number = () => {
		const token = tokens[i++];
		if (token === undefined || !/^-?[\d.]/.test(token)) throw new Error(`number expected at ${i - 1}`);
		return Number(token);
	};
	while (i < tokens.length) {
		if (/^[a-zA-Z]$/.test(tokens[i]!)) command = tokens[i++]!;
		else if (command === '' || command === 'z' || command === 'Z') throw new Error('number without command');
		switch (command) {
			case 'M':
			case 'm': {
				const relative = command === 'm';
				x = (relative ? x : 0) + number();
				y = (relative ? y : 0) + number();
				[startX, startY] = [x, y];
				command = relative ? 'l' : 'L';
				break;
			}
			case 'L':
				x = number();
				y = number();
				break;
			case 'l':
				x += number();
				y += number();
				break;
			case 'H':
				x = number();
				break;
			case 'h':
				x += number();
				break;
			case 'V':
				y = number();
				break;
			case 'v':
				y += number();
				break;
			case 'Z':
			case 'z':
				[x, y] = [startX, startY];
				break;
			default:
				throw new Error(`unexpected command ${command}`);
		}
		points.push([x, y]);
	}
	return points;
}

describe('districts.json', () => {
	it('has exactly the 13 districts of Saxony, sorted by key', () => {
		expect(map.districts.map((d) => d.key)).toEqual(KEYS);
		expect(map.districts.find((d) => d.key === '14729')?.name).toBe('Landkreis Leipzig');
		expect(map.districts.find((d) => d.key === '14713')?.name).toBe('Leipzig');
	});

	it('has a viewBox 600 wide and names its source', () => {
		expect(map.viewBox).toMatch(/^0 0 600 \d+$/);
		expect(map.attribution).toMatch(/^© GeoBasis-DE \/ BKG \d{4} \(Daten verändert\)$/);
		expect(map.licence).toContain('GeoNutzV');
	});

	it.each(map.districts)('$key $name: a closed path inside the viewBox, label inside too', (district) => {
		expect(district.path).toMatch(/^M/);
		expect(district.path).toMatch(/^[MmLlHhVvZz\d\s,.-]+$/);
		expect(district.path).toMatch(/[zZ]$/);
		const points = absolutePoints(district.path);
		expect(points.length).toBeGreaterThanOrEqual(4);
		for (const [x, y] of points) expect(inViewBox(x, y), `${x},${y}`).toBe(true);
		expect(inViewBox(district.labelX, district.labelY)).toBe(true);
	});

	it('keeps the paths small (they are inlined into a public page)', () => {
		const total = map.districts.reduce((sum, d) => sum + d.path.length, 0);
		expect(total).toBeLessThanOrEqual(14_000);
	});
});

describe('municipalities.json', () => {
	it('assigns every municipality to one of the 13 districts with a matching 8-digit key', () => {
		expect(municipalities.length).toBeGreaterThan(400);
		for (const m of municipalities) {
			expect(KEYS).toContain(m.districtKey);
			expect(m.key).toMatch(/^\d{8}$/);
			expect(m.key.startsWith(m.districtKey)).toBe(true);
			expect(m.name.trim()).not.toBe('');
		}
		expect(new Set(municipalities.map((m) => m.key)).size).toBe(municipalities.length);
	});

	it('has unique names within a district and every district has municipalities', () => {
		for (const key of KEYS) {
			const names = municipalities.filter((m) => m.districtKey === key).map((m) => m.name);
			expect(names.length).toBeGreaterThan(0);
			expect(new Set(names).size).toBe(names.length);
		}
	});

	it('is sorted by district, then by name (German collation)', () => {
		const collator = new Intl.Collator('de');
		const sorted = municipalities
			.slice()
			.sort((a, b) => a.districtKey.localeCompare(b.districtKey) || collator.compare(a.name, b.name));
		expect(municipalities).toEqual(sorted);
	});

	it.each([
		['Meißen', '14627'],
		['Dresden', '14612'],
		['Leipzig', '14713'],
		['Chemnitz', '14511'],
		['Markkleeberg', '14729'],
		['Plauen', '14523']
	])('has %s in %s', (name, districtKey) => {
		expect(municipalities.some((m) => m.name === name && m.districtKey === districtKey)).toBe(true);
	});
});
