/**
 * Wall-clock time in Europe/Berlin, where every event happens. Dates are stored as instants
 * (timestamptz); forms and pages speak Berlin local time, and the offset is taken from the time
 * zone database (Intl), so daylight-saving changes come out right.
 */
export const EVENT_TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-CA', {
	timeZone: EVENT_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

export interface LocalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The Berlin wall-clock reading of an instant. */
export function berlinParts(instant: Date): LocalParts {
	const values = Object.fromEntries(
		parts.formatToParts(instant).map((p) => [p.type, p.type === 'literal' ? 0 : Number(p.value)])
	) as Record<string, number>;
	return {
		year: values.year!,
		month: values.month!,
		day: values.day!,
		hour: values.hour!,
		minute: values.minute!,
		second: values.second!
	};
}

/** Berlin's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(instant: Date): number {
	const p = berlinParts(instant);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of an instant in Berlin. */
export function berlinDate(instant: Date): string {
	const p = berlinParts(instant);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `HH:MM` of an instant in Berlin. */
export function berlinTime(instant: Date): string {
	const p = berlinParts(instant);
	return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant of a Berlin wall-clock date and time (`YYYY-MM-DD`, `HH:MM`). Null when the input is
 * malformed or the time does not exist (skipped when clocks go forward). A time that occurs twice
 * (when clocks go back) means the first, summer-time one.
 */
export function berlinToInstant(date: string, time: string): Date | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as number[];
	const naive = Date.UTC(year!, month! - 1, day!, hour!, minute!);
	// Try the summer offset first so that an ambiguous time resolves to its first occurrence.
	for (const offset of [120, 60]) {
		const instant = new Date(naive - offset * 60_000);
		const p = berlinParts(instant);
		if (p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute) {
			return instant;
		}
	}
	return null;
}

/** Adds whole days to a `YYYY-MM-DD` date (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const next = new Date(Date.UTC(y, m - 1, d + days));
	return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** The start of a Berlin calendar day as an instant. */
export function startOfBerlinDay(date: string): Date {
	// Midnight exists every day in Berlin (changes happen at 02:00 and 03:00).
	return berlinToInstant(date, '00:00')!;
}
