import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { LOCALES } from '#lib/i18n/locales.ts';
import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import { editSourceText, getPage } from '#lib/server/content/content.service.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { Forbidden, NotFound } from '#lib/server/errors.ts';
import { pageTranslations } from '#lib/server/db/schema/index.ts';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const editor = { userId: 1, roles: ['editor'] as const };
const SEEDED = [
	'barrierefreiheit',
	'datenschutz',
	'grundsatzpositionen',
	'migrantenbeirat-gruenden',
	'mitgliedschaft',
	'start',
	'ueber-uns',
	'verhaltenskodex',
	'ziele'
];

describe.each(DATABASE_KINDS)('content on %s', (kind) => {
	let database: Database;
	const anon = () => ({ db: database.db, actor: ANONYMOUS });
	beforeAll(async () => {
		database = await openTestDatabase(kind);
	});
	afterAll(async () => {
		await database?.close();
	});

	describe(seedDatabase.name, () => {
		it('seeds every page of content/ with a translation in every locale', async () => {
			const result = await seedDatabase(database.db, 'content');
			expect(result.settingsCreated).toBe(true);
			expect(result.pagesCreated).toEqual(SEEDED);
			for (const slug of SEEDED) {
				const view = await getPage(anon(), slug, 'de');
				expect(view.available).toEqual([...LOCALES]);
				expect(view.html.length).toBeGreaterThan(100);
			}
		});
		it('is idempotent', async () => {
			expect(await seedDatabase(database.db, 'content')).toEqual({
				settingsCreated: false,
				pagesCreated: []
			});
		});
	});

	describe(getPage.name, () => {
		it('shows the translation in the visitor language, marked not yet reviewed', async () => {
			const view = await getPage(anon(), 'ziele', 'uk');
			expect(view).toMatchObject({ locale: 'uk', status: 'current', reviewed: false });
			expect(view.title).not.toBe((await getPage(anon(), 'ziele', 'de')).title);
		});
		it('falls back to German with status missing when a translation does not exist', async () => {
			const { page } = (await import('#lib/server/content/content.queries.ts').then((q) =>
				q.findPageWithTranslations(database.db, 'grundsatzpositionen')
			))!;
			await database.db
				.delete(pageTranslations)
				.where(and(eq(pageTranslations.pageId, page.id), eq(pageTranslations.locale, 'vi')));
			const view = await getPage(anon(), 'grundsatzpositionen', 'vi');
			expect(view.locale).toBe('de');
			expect(view.status).toBe('missing');
			expect(view.available).not.toContain('vi');
			expect(view.available).toContain('de');
		});
		it('throws NotFound for an unknown page', async () => {
			await expect(getPage(anon(), 'gibt-es-nicht', 'de')).rejects.toBeInstanceOf(NotFound);
		});
		it('renders Arabic with Latin names isolated for right-to-left reading', async () => {
			const view = await getPage(anon(), 'ueber-uns', 'ar');
			expect(view.html).toContain('<bdi>Integrationsnetzwerk Sachsen e. V.</bdi>');
		});
	});

	describe(editSourceText.name, () => {
		it('marks translations outdated after a substantive edit of the German source', async () => {
			const de = await getPage(anon(), 'mitgliedschaft', 'de');
			await editSourceText({ db: database.db, actor: editor }, 'mitgliedschaft', {
				title: de.title,
				summary: de.summary,
				body: 'Neuer Text.\n',
				minor: false
			});
			expect((await getPage(anon(), 'mitgliedschaft', 'en')).status).toBe('outdated');
			expect((await getPage(anon(), 'mitgliedschaft', 'de')).html).toContain('Neuer Text.');
		});
		it('keeps translations current after a minor edit', async () => {
			const de = await getPage(anon(), 'ziele', 'de');
			await editSourceText({ db: database.db, actor: editor }, 'ziele', {
				title: de.title,
				summary: de.summary,
				body: 'Tippfehler korrigiert.\n',
				minor: true
			});
			expect((await getPage(anon(), 'ziele', 'en')).status).toBe('current');
		});
		it('refuses anonymous visitors', async () => {
			await expect(
				editSourceText(anon(), 'ziele', { title: 'x', summary: '', body: 'x', minor: true })
			).rejects.toBeInstanceOf(Forbidden);
		});
		it('does not let a later seed overwrite an edited page', async () => {
			await seedDatabase(database.db, 'content');
			expect((await getPage(anon(), 'ziele', 'de')).html).toContain('Tippfehler korrigiert.');
		});
	});
});
