import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { ANONYMOUS } from '#lib/server/policy/policy.ts';
import {
	getAllSettings,
	getPublicAssociation,
	updateAssociationSettings
} from '#lib/server/settings/settings.service.ts';
import { settingsSchema } from '#lib/schemas/settings.ts';
import { listAudit } from '#lib/server/audit/audit.service.ts';
import { Forbidden } from '#lib/server/errors.ts';
import { createAdmin } from '#lib/server/accounts/admin-bootstrap.ts';
import { findUserByEmail } from '#lib/server/accounts/accounts.queries.ts';
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

	describe(updateAssociationSettings.name, () => {
		const admin = { userId: 0, roles: ['admin'] as const, twoFactorVerified: true };
		beforeAll(async () => {
			const created = await createAdmin(database.db, { email: 'vorstand@example.org' });
			admin.userId = (await findUserByEmail(database.db, created.email))!.id;
		});
		const input = settingsSchema.parse({
			name: 'Integrationsnetzwerk Sachsen e. V.',
			legalForm: 'eingetragener Verein (e. V.)',
			seat: 'Dresden',
			street: 'Musterstraße 1',
			postalCode: '01067',
			city: 'Dresden',
			email: 'info@example.org',
			phone: '+49 351 000000',
			registerCourt: 'Amtsgericht Dresden',
			registerNumber: 'VR 1234',
			vatId: '',
			representatives: 'Maria Muster – Vorsitzende\nAli Beispiel – stellvertretender Vorsitzender',
			editorialResponsible: 'Maria Muster',
			privacyContactName: '',
			privacyContactEmail: '',
			bankName: '',
			iban: 'de02 1203 0000 0000 2020 51',
			bic: ''
		});
		it('saves the identity, completes the Impressum and records who changed which fields', async () => {
			await updateAssociationSettings({ db: database.db, actor: admin }, input, '192.0.2.1');
			const a = await getPublicAssociation(anon());
			expect(a.missing).toEqual([]);
			expect(a.representatives).toEqual([
				{ name: 'Maria Muster', role: 'Vorsitzende' },
				{ name: 'Ali Beispiel', role: 'stellvertretender Vorsitzender' }
			]);
			expect((await getAllSettings({ db: database.db, actor: admin })).iban).toBe('DE02120300000000202051');
			const { entries } = await listAudit({ db: database.db, actor: admin }, { page: 1 });
			expect(entries[0]).toMatchObject({ action: 'settings.updated', ip: '192.0.2.1' });
			expect(entries[0]!.details.fields).toContain('representatives');
		});
		it('is refused to editors, to anonymous visitors and to admins without a second factor', async () => {
			for (const actor of [
				ANONYMOUS,
				{ userId: 5, roles: ['editor'] as const },
				{ ...admin, twoFactorVerified: false }
			]) {
				await expect(
					updateAssociationSettings({ db: database.db, actor }, input, null)
				).rejects.toBeInstanceOf(Forbidden);
			}
		});
		it('rejects implausible register numbers, postal codes and IBANs with message keys', () => {
			const result = settingsSchema.safeParse({
				...Object.fromEntries(Object.keys(settingsSchema.shape).map((k) => [k, ''])),
				name: 'X',
				registerNumber: '1234',
				postalCode: '123',
				iban: 'nope'
			});
			expect(result.success).toBe(false);
			const keys = result.error!.issues.map((i) => i.message);
			expect(keys).toEqual(
				expect.arrayContaining([
					'settings_register_number_invalid',
					'settings_postal_code_invalid',
					'settings_iban_invalid'
				])
			);
		});
	});
});
