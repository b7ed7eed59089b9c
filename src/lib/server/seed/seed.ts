import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BASE_LOCALE, LOCALES } from '#lib/i18n/locales.ts';
import type { Db } from '#lib/server/db/client.ts';
import * as content from '#lib/server/content/content.queries.ts';
import { parseContentFile } from '#lib/server/content/front-matter.ts';
import * as settings from '#lib/server/settings/settings.queries.ts';
import { exchangeTopics } from '#lib/server/db/schema/index.ts';

export interface SeedResult {
	settingsCreated: boolean;
	pagesCreated: string[];
}

/**
 * Fills an empty database with the association's identity and its pages from `content/`.
 * Idempotent: what exists is never overwritten (editors may have changed it); pages added to
 * `content/` later are inserted on the next start.
 */
export async function seedDatabase(db: Db, contentDir: string): Promise<SeedResult> {
	const settingsCreated = await seedSettings(db, contentDir);
	const pagesCreated: string[] = [];
	const sourceDir = path.join(contentDir, 'pages', BASE_LOCALE);
	const files = (await readdir(sourceDir)).filter((f) => f.endsWith('.md')).sort();
	for (const file of files) {
		const slug = file.slice(0, -3);
		if (await seedPage(db, contentDir, slug)) pagesCreated.push(slug);
	}
	await seedExchangeTopics(db, contentDir);
	return { settingsCreated, pagesCreated };
}

/** The exchange's topics (editors extend the list); existing ones are left as editors keep them. */
async function seedExchangeTopics(db: Db, contentDir: string) {
	const topics = JSON.parse(await readFile(path.join(contentDir, 'exchange-topics.json'), 'utf8')) as {
		slug: string;
		labels: Record<string, string>;
	}[];
	await db
		.insert(exchangeTopics)
		.values(topics.map((t, position) => ({ ...t, position })))
		.onConflictDoNothing();
}

async function seedSettings(db: Db, contentDir: string): Promise<boolean> {
	if (await settings.findSettings(db)) return false;
	const identity = JSON.parse(await readFile(path.join(contentDir, 'association.json'), 'utf8')) as {
		name: string;
		legalForm?: string;
		foundedOn?: string;
		motto?: string;
	};
	await settings.insertSettingsIfMissing(db, {
		name: identity.name,
		legalForm: identity.legalForm ?? null,
		foundedOn: identity.foundedOn ?? null,
		motto: identity.motto ?? null
	});
	return true;
}

async function seedPage(db: Db, contentDir: string, slug: string): Promise<boolean> {
	if (await content.pageSlugExists(db, slug)) return false;
	const texts = await Promise.all(
		LOCALES.map(async (locale) => {
			const file = path.join(contentDir, 'pages', locale, `${slug}.md`);
			const text = await readFile(file, 'utf8').catch(() => null);
			return text === null ? null : { locale, ...parseContentFile(text) };
		})
	);
	await db.transaction(async (tx) => {
		const page = await content.insertPage(tx, slug);
		for (const text of texts) {
			if (!text) continue;
			await content.insertTranslation(tx, {
				pageId: page.id,
				locale: text.locale,
				title: text.title,
				summary: text.summary,
				body: text.body,
				sourceRevision: page.sourceRevision,
				// The source is the association's own text; translations await an editor's review.
				reviewed: text.locale === BASE_LOCALE
			});
		}
	});
	return true;
}
