import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { auditLog, outbox, rateLimits, sessions } from '#lib/server/db/schema/index.ts';
import { createAdmin } from '#lib/server/accounts/admin-bootstrap.ts';
import { findUserByEmail } from '#lib/server/accounts/accounts.queries.ts';
import { createSession } from '#lib/server/auth/session.service.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { runMaintenance } from '#lib/server/maintenance/maintenance.service.ts';
import { DEFAULT_VISIBILITY } from '#lib/directory/directory.ts';
import { memberships, organisationInvitations, organisations } from '#lib/server/db/schema/index.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(DATABASE_KINDS)('maintenance on %s', (kind) => {
	let database: Database;
	beforeAll(async () => {
		database = await openTestDatabase(kind);
	});
	afterAll(async () => {
		await database?.close();
	});

	describe(runMaintenance.name, () => {
		it('deletes ended sessions, old counters and mails, and forgets audit IP addresses after 30 days', async () => {
			const { email } = await createAdmin(database.db, { email: 'wartung@example.org' });
			const userId = (await findUserByEmail(database.db, email))!.id;
			const now = new Date();
			await createSession(database.db, userId, false, new Date(now.getTime() - 8 * DAY));
			const fresh = await createSession(database.db, userId, false, now);
			await database.db.insert(rateLimits).values([
				{ key: 'old', count: 3, windowStart: new Date(now.getTime() - 2 * DAY) },
				{ key: 'new', count: 1, windowStart: now }
			]);
			await audit(database.db, { action: 'auth.sign_in', actorId: userId, ip: '203.0.113.1' });
			await database.db.insert(auditLog).values({
				action: 'auth.sign_in',
				actorId: userId,
				ip: '203.0.113.2',
				at: new Date(now.getTime() - 31 * DAY)
			});
			await database.db.insert(outbox).values([
				{
					to: 'a@example.org',
					locale: 'de',
					purpose: 'x',
					subject: 'alt',
					text: 't',
					html: 'h',
					status: 'sent',
					createdAt: new Date(now.getTime() - 91 * DAY)
				},
				{
					to: 'b@example.org',
					locale: 'de',
					purpose: 'x',
					subject: 'neu',
					text: 't',
					html: 'h',
					status: 'sent'
				}
			]);

			await runMaintenance(database.db, now);

			expect((await database.db.select().from(sessions)).map((s) => s.id)).toEqual([fresh.id]);
			expect((await database.db.select().from(rateLimits)).map((r) => r.key)).toEqual(['new']);
			const ips = (await database.db.select().from(auditLog)).map((a) => a.ip).sort();
			expect(ips).toEqual(['203.0.113.1', null]);
			expect((await database.db.select().from(outbox)).map((o) => o.subject)).toEqual(['neu']);
		});

		it('anonymises memberships that ended longer ago than the retention period, keeping number and dates', async () => {
			const now = new Date();
			const [old, recent] = await database.db
				.insert(memberships)
				.values([
					{
						number: 'A-1',
						year: 2000,
						sequence: 1,
						form: 'supporting',
						status: 'ended',
						name: 'Alt Mitglied',
						email: 'alt@example.org',
						phone: '0341 1',
						startedOn: '2000-01-01',
						decidedOn: '2000-01-01',
						endedOn: '2010-12-31'
					},
					{
						number: 'A-2',
						year: 2000,
						sequence: 2,
						form: 'supporting',
						status: 'ended',
						name: 'Neu Ende',
						email: 'neu@example.org',
						startedOn: '2000-01-01',
						decidedOn: '2000-01-01',
						endedOn: now.toISOString().slice(0, 10)
					}
				])
				.returning();
			await runMaintenance(database.db, now);
			const rows = await database.db.select().from(memberships);
			const anonymised = rows.find((r) => r.id === old!.id)!;
			expect(anonymised).toMatchObject({ number: 'A-1', email: null, phone: null, endedOn: '2010-12-31' });
			expect(anonymised.name).not.toContain('Alt');
			expect(anonymised.anonymisedAt).not.toBeNull();
			expect(rows.find((r) => r.id === recent!.id)).toMatchObject({
				name: 'Neu Ende',
				email: 'neu@example.org'
			});
		});

		it('deletes rejected directory proposals after 180 days and used or expired invitations after 30', async () => {
			const now = new Date();
			const old = new Date(now.getTime() - 181 * DAY);
			const base = {
				kind: 'initiative' as const,
				districtKey: '14612',
				municipality: 'Dresden',
				visibility: DEFAULT_VISIBILITY
			};
			const [rejected, recent, published] = await database.db
				.insert(organisations)
				.values([
					{ ...base, slug: 'alt-abgelehnt', name: 'Alt', status: 'rejected', updatedAt: old },
					{ ...base, slug: 'neu-abgelehnt', name: 'Neu', status: 'rejected' },
					{ ...base, slug: 'alt-veroeffentlicht', name: 'Öffentlich', status: 'published', updatedAt: old }
				])
				.returning();
			await database.db.insert(organisationInvitations).values([
				{
					id: 'abgelaufen',
					organisationId: published!.id,
					email: 'a@example.org',
					role: 'org_member',
					expiresAt: new Date(now.getTime() - 31 * DAY)
				},
				{
					id: 'offen',
					organisationId: published!.id,
					email: 'b@example.org',
					role: 'org_member',
					expiresAt: new Date(now.getTime() + DAY)
				}
			]);
			await runMaintenance(database.db, now);
			const left = (await database.db.select().from(organisations)).map((o) => o.id);
			expect(left).not.toContain(rejected!.id);
			expect(left).toEqual(expect.arrayContaining([recent!.id, published!.id]));
			expect((await database.db.select().from(organisationInvitations)).map((i) => i.id)).toEqual(['offen']);
		});
	});
});
