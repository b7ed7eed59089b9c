import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';
import { updateSettings } from '#lib/server/settings/settings.queries.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { IMPRESSUM_FIELDS } from '#lib/server/settings/impressum.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('association settings on %s', (kind) => {
	let database: Database;
	const anon = () => ({ db: database.db, actor: ANONYMOUS });
	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
	});
	afterAll(async () => {
		await database?.close();
	});

	describe(getPublicAssociation.name, () => {
		it('has the identity from the association texts and nothing invented', async () => {
			const a = await getPublicAssociation(anon());
			expect(a).toMatchObject({
				name: 'Integrationsnetzwerk Sachsen e. V.',
				foundedOn: '2011-02-24',
				motto: 'Nicht Nebeneinander, sondern Miteinander',
				street: null,
				registerNumber: null,
				representatives: []
			});
			expect(a.missing).toEqual([...IMPRESSUM_FIELDS]);
		});
		it('never exposes bank data to the public', async () => {
			await updateSettings(database.db, { iban: 'DE02120300000000202051', bic: 'BYLADEM1001' });
			const a = await getPublicAssociation(anon());
			expect(JSON.stringify(a)).not.toContain('DE02120300000000202051');
			expect(a).not.toHaveProperty('iban');
		});
		it('stops reporting fields as missing once the board fills them in', async () => {
			await updateSettings(database.db, {
				street: 'Musterstraße 1',
				postalCode: '01067',
				city: 'Dresden',
				registerCourt: 'Amtsgericht Dresden',
				registerNumber: 'VR 1234'
			});
			const a = await getPublicAssociation(anon());
			expect(a.missing).not.toContain('address');
			expect(a.missing).not.toContain('register');
			expect(a.missing).toContain('representatives');
		});
	});
});
