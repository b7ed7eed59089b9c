import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { EventType } from '#lib/events/events.ts';
import { addDays, berlinDate, berlinToInstant } from '#lib/events/time.ts';
import type { Db } from '#lib/server/db/client.ts';
import { events } from '#lib/server/db/schema/index.ts';
import { findOrganisation } from '#lib/server/directory/directory.queries.ts';

interface DemoEvent {
	organiser: string | null;
	type: EventType;
	title: string;
	description: string;
	/** Days from today (so the calendar always has upcoming demo events). */
	days: number;
	start: string;
	end: string;
	districtKey: string | null;
	municipality: string;
	venue: string;
	languages: string[];
	capacity: number | null;
	hours: string | null;
	stepFree: boolean;
	online?: boolean;
}

/**
 * Demo mode (DEMO=1) only: the clearly fictional events of `content/demo/events.json` ("Beispiel",
 * "erfunden" in every text), published, when there are no events yet.
 */
export async function seedDemoEvents(db: Db, contentDir: string, now = new Date()): Promise<number> {
	const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(events);
	if ((count?.n ?? 0) > 0) return 0;
	const entries = JSON.parse(
		await readFile(path.join(contentDir, 'demo', 'events.json'), 'utf8')
	) as DemoEvent[];
	for (const e of entries) {
		const organisation = e.organiser ? await findOrganisation(db, { slug: e.organiser }) : undefined;
		const date = addDays(berlinDate(now), e.days);
		await db.insert(events).values({
			organisationId: organisation?.id ?? null,
			type: e.type,
			status: 'published',
			title: e.title,
			description: e.description,
			startsAt: berlinToInstant(date, e.start)!,
			endsAt: berlinToInstant(date, e.end)!,
			online: e.online ?? false,
			onlineUrl: e.online ? 'https://meet.example.org/beispiel' : '',
			venue: e.venue,
			municipality: e.municipality,
			districtKey: e.districtKey,
			stepFree: e.stepFree,
			languages: e.languages,
			capacity: e.capacity,
			hours: e.hours
		});
	}
	return entries.length;
}
