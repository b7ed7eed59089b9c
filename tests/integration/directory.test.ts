import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { DEFAULT_VISIBILITY, type FieldVisibility } from '#lib/directory/directory.ts';
import { parseDirectoryQuery } from '#lib/directory/query.ts';
import { organisationProfileSchema } from '#lib/schemas/directory.ts';
import type { OrganisationProfileInput } from '#lib/schemas/directory.ts';
import { ANONYMOUS, type Actor } from '#lib/server/policy/policy.ts';
import { insertUser, organisationRolesOf, grantRole } from '#lib/server/accounts/accounts.queries.ts';
import {
	councilCoverage,
	exportPublic,
	getProfile,
	searchDirectory
} from '#lib/server/directory/directory.service.ts';
import {
	acceptInvitation,
	deleteOrganisation,
	getLogo,
	getOrganisationForEdit,
	inviteColleague,
	removeTeamMember,
	saveTranslation,
	setLogo,
	updateOrganisation
} from '#lib/server/directory/organisation.service.ts';
import {
	claimOrganisation,
	decideRequest,
	listReviewQueue,
	proposeOrganisation
} from '#lib/server/directory/review.service.ts';
import { createFileSystemStorage } from '#lib/server/files/storage.ts';
import { seedDemoData } from '#lib/server/seed/demo.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooManyAttempts } from '#lib/server/errors.ts';
import { outbox } from '#lib/server/db/schema/index.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

interface DemoEntry {
	slug: string;
	name: string;
	kind: string;
	districtKey: string;
	municipality: string;
	languages: string[];
	fields: string[];
	isMember: boolean;
	phone: string | null;
	description: Record<string, string>;
}
const demo = JSON.parse(readFileSync('content/demo/organisations.json', 'utf8')) as DemoEntry[];

const query = (params: Record<string, string> = {}) => parseDirectoryQuery(new URLSearchParams(params));

function profileInput(overrides: Record<string, string | string[]> = {}): OrganisationProfileInput {
	return organisationProfileSchema.parse({
		name: 'Testverein Brücke Plauen',
		kind: 'migrant_organisation',
		legalForm: 'ev',
		registerCourt: 'Amtsgericht Chemnitz',
		registerNumber: 'VR 1234',
		districtKey: '14523',
		municipality: 'plauen',
		postalCode: '08523',
		street: 'Bahnhofstraße 1',
		phone: '+49 341 39987 999',
		email: 'info@bruecke.example.org',
		website: 'https://bruecke.example.org',
		contactPerson: 'Erika Beispiel',
		foundingYear: '2015',
		languages: ['de', 'ar'],
		communities: 'Syrische Community',
		fields: ['education', 'culture'],
		description: 'Wir helfen Familien beim Ankommen.',
		...overrides
	});
}

describe.each(DATABASE_KINDS)('directory on %s', (kind) => {
	let database: Database;
	let uploads: string;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	const anon = () => ctx(ANONYMOUS);
	let userSeq = 0;

	/** A real user; the actor carries the organisation roles as a session would. */
	async function person(roles: ('admin' | 'board' | 'editor')[] = []) {
		const user = await insertUser(database.db, {
			email: `p${++userSeq}-${kind}@example.org`,
			name: `Person ${userSeq}`,
			passwordHash: 'x',
			locale: 'ru'
		});
		for (const role of roles) await grantRole(database.db, user.id, role);
		const actor = async (): Promise<Actor> => ({
			userId: user.id,
			roles,
			twoFactorVerified: true,
			organisationRoles: await organisationRolesOf(database.db, user.id)
		});
		return { user, actor };
	}

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		uploads = mkdtempSync(path.join(os.tmpdir(), 'miteinander-uploads-'));
	});
	afterAll(async () => {
		await database?.close();
		rmSync(uploads, { recursive: true, force: true });
	});

	describe('demo data', () => {
		it('seeds every fictional actor once, published, over all 13 districts', async () => {
			expect(await seedDemoData(database.db, 'content')).toBe(demo.length);
			expect(await seedDemoData(database.db, 'content')).toBe(0);
			const all = await searchDirectory(anon(), query());
			expect(all.total).toBe(demo.length);
			expect(Object.keys(all.facets.district)).toHaveLength(13);
		});
	});

	describe(searchDirectory.name, () => {
		const slugs = async (params: Record<string, string>) => {
			const result = await searchDirectory(anon(), query(params));
			return result.items.map((i) => i.slug);
		};

		it('finds with German stemming: singular and plural find the same profiles', async () => {
			// The kind label "Migrantenorganisation" is searchable too, so every such profile matches.
			const expected = demo
				.filter(
					(d) => /Migrantenorganisation/.test(d.description.de ?? '') || d.kind === 'migrant_organisation'
				)
				.map((d) => d.slug)
				.sort();
			const all = async (q: string) => {
				const found: string[] = [];
				for (let page = 1; page <= 10; page++) found.push(...(await slugs({ q, seite: String(page) })));
				return found.sort();
			};
			expect(demo.some((d) => /Migrantenorganisationen/.test(d.description.de ?? ''))).toBe(true);
			expect(await all('Migrantenorganisation')).toEqual(expected);
			expect(await all('Migrantenorganisationen')).toEqual(expected);
		});

		it('is accent-insensitive ("Meissen" finds Meißen) and typo-tolerant ("Dresdn")', async () => {
			expect(await slugs({ q: 'Meissen' })).toContain('integrationsbeirat-meissen');
			const dresden = demo.filter((d) => d.districtKey === '14612').map((d) => d.slug);
			const found = await slugs({ q: 'Dresdn', sortierung: 'name' });
			for (const slug of dresden) expect(found).toContain(slug);
		});

		it('combines filters: Ukrainian-speaking, Landkreis Leipzig, education', async () => {
			const expected = demo
				.filter(
					(d) => d.languages.includes('uk') && d.districtKey === '14729' && d.fields.includes('education')
				)
				.map((d) => d.slug);
			expect(expected.length).toBeGreaterThan(0);
			expect((await slugs({ sprache: 'uk', kreis: '14729', bereich: 'education' })).sort()).toEqual(
				expected.sort()
			);
		});

		it('counts facets over the other filters, so the map shows every district', async () => {
			const result = await searchDirectory(anon(), query({ sprache: 'uk', kreis: '14729' }));
			const ukrainian = demo.filter((d) => d.languages.includes('uk'));
			for (const [district, count] of Object.entries(result.facets.district)) {
				expect(count).toBe(ukrainian.filter((d) => d.districtKey === district).length);
			}
			expect(result.total).toBe(ukrainian.filter((d) => d.districtKey === '14729').length);
			expect(result.facets.member).toBe(
				ukrainian.filter((d) => d.districtKey === '14729' && d.isMember).length
			);
		});

		it('sorts by name and pages through all results', async () => {
			const page1 = await searchDirectory(anon(), query({ sortierung: 'name' }));
			const page2 = await searchDirectory(anon(), query({ sortierung: 'name', seite: '2' }));
			expect(page1.items).toHaveLength(20);
			expect(page1.pageCount).toBe(Math.ceil(demo.length / 20));
			const names = [...page1.items, ...page2.items].map((i) => i.name);
			expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
			const beyond = await searchDirectory(anon(), query({ seite: '99' }));
			expect(beyond.items).toEqual([]);
			expect(beyond.total).toBe(demo.length);
		});

		it('treats hostile input as text', async () => {
			const result = await searchDirectory(anon(), query({ q: `'); drop table organisations; -- <script>` }));
			expect(result.total).toBe(0);
			expect((await searchDirectory(anon(), query())).total).toBe(demo.length);
		});
	});

	describe('visibility per field', () => {
		it('shows members what the public does not, and honours the organisation’s choice', async () => {
			const slug = demo.find((d) => d.phone && d.isMember)!.slug;
			const memberOrg = demo.find((d) => d.isMember && d.slug !== slug)!.slug;
			const publicView = await getProfile(anon(), slug, 'de');
			expect(publicView.phone).toBeUndefined();
			expect(publicView.address).toBeUndefined();
			expect(publicView.email).toBeTruthy();

			// A person in a member organisation counts as a member of the association.
			const admin = await person(['admin']);
			const member = await person();
			const other = await getProfile(anon(), memberOrg, 'de');
			const { setRole } = await import('#lib/server/directory/directory.queries.ts');
			await setRole(database.db, other.id, member.user.id, 'org_member');
			expect((await getProfile(ctx(await member.actor()), slug, 'de')).phone).toBeTruthy();

			// The organisation's admin makes the phone public, then board-only.
			const orgAdmin = await person();
			await setRole(database.db, publicView.id, orgAdmin.user.id, 'org_admin');
			const edit = await getOrganisationForEdit(ctx(await orgAdmin.actor()), publicView.id);
			const asInput = (v: FieldVisibility) => v;
			const input = profileInput({
				name: edit.organisation.name,
				districtKey: edit.organisation.districtKey,
				municipality: edit.organisation.municipality
			});
			await updateOrganisation(
				ctx(await orgAdmin.actor()),
				publicView.id,
				input,
				asInput({ ...DEFAULT_VISIBILITY, phone: 'public' }),
				{ minor: false }
			);
			expect((await getProfile(anon(), slug, 'de')).phone).toBe('+49 341 39987 999');
			await updateOrganisation(
				ctx(await orgAdmin.actor()),
				publicView.id,
				input,
				{ ...DEFAULT_VISIBILITY, phone: 'board' },
				{ minor: true }
			);
			expect((await getProfile(anon(), slug, 'de')).phone).toBeUndefined();
			expect((await getProfile(ctx(await member.actor()), slug, 'de')).phone).toBeUndefined();
			expect((await getProfile(ctx(await admin.actor()), slug, 'de')).phone).toBe('+49 341 39987 999');
			expect((await getProfile(ctx(await orgAdmin.actor()), slug, 'de')).phone).toBe('+49 341 39987 999');

			// The open-data export carries public fields only.
			const records = await exportPublic(anon(), 'https://example.org');
			expect(records.find((r) => r.url.endsWith(`/${slug}`))!.phone).toBe('');
		});

		it('lets only the organisation’s admins and editors edit', async () => {
			const target = await getProfile(anon(), demo[0]!.slug, 'de');
			const stranger = await person();
			const teamMember = await person();
			const { setRole } = await import('#lib/server/directory/directory.queries.ts');
			await setRole(database.db, target.id, teamMember.user.id, 'org_member');
			const input = profileInput();
			for (const actor of [ANONYMOUS, await stranger.actor(), await teamMember.actor()]) {
				await expect(
					updateOrganisation(ctx(actor), target.id, input, DEFAULT_VISIBILITY, { minor: false })
				).rejects.toThrow(Forbidden);
			}
			const editor = await person(['editor']);
			await expect(getOrganisationForEdit(ctx(await editor.actor()), target.id)).resolves.toBeTruthy();
		});
	});

	describe('proposals and claims', () => {
		it('publishes a proposal only after an editor approves it, and makes the proposer its admin', async () => {
			const proposer = await person();
			await expect(
				proposeOrganisation(anon(), profileInput(), { wantsAdmin: true, message: '' })
			).rejects.toThrow(Forbidden);
			const evil = '<img src=x onerror=alert(1)>';
			const { slug, requestId } = await proposeOrganisation(
				ctx(await proposer.actor()),
				profileInput({ name: `Neuer Verein ${kind}`, contactPerson: evil }),
				{ wantsAdmin: true, message: evil }
			);
			await expect(getProfile(anon(), slug, 'de')).rejects.toThrow(NotFound);
			expect((await searchDirectory(anon(), query({ q: `Neuer Verein ${kind}` }))).items).toEqual([]);

			const editor = await person(['editor']);
			const queue = await listReviewQueue(ctx(await editor.actor()));
			expect(queue.open.map((r) => r.id)).toContain(requestId);
			await expect(
				decideRequest(ctx(await proposer.actor()), requestId, { approve: true, note: '' }, 'https://x')
			).rejects.toThrow(Forbidden);
			await decideRequest(
				ctx(await editor.actor()),
				requestId,
				{ approve: true, note: 'Willkommen' },
				'https://example.org'
			);
			await expect(
				decideRequest(ctx(await editor.actor()), requestId, { approve: false, note: '' }, 'https://x')
			).rejects.toThrow(Conflict);

			const published = await getProfile(anon(), slug, 'de');
			expect(published.status).toBe('published');
			expect(
				(await searchDirectory(anon(), query({ q: `Neuer Verein ${kind}` }))).items.map((i) => i.slug)
			).toEqual([slug]);
			const roles = await organisationRolesOf(database.db, proposer.user.id);
			expect(roles).toEqual([{ organisationId: published.id, role: 'org_admin', isMember: false }]);
			const mails = await database.db.select().from(outbox);
			const mail = mails.find((m) => m.to === proposer.user.email && m.purpose === 'directory_decision');
			expect(mail?.locale).toBe('ru');
		});

		it('lets a signed-in person claim a profile once; approval makes them its admin', async () => {
			const claimant = await person();
			const slug = demo[3]!.slug;
			await claimOrganisation(ctx(await claimant.actor()), slug, 'Ich bin Kassenwart.');
			await expect(claimOrganisation(ctx(await claimant.actor()), slug, 'noch einmal')).rejects.toThrow(
				Conflict
			);
			const editor = await person(['editor']);
			const request = (await listReviewQueue(ctx(await editor.actor()))).open.find(
				(r) => r.organisationSlug === slug
			)!;
			await decideRequest(
				ctx(await editor.actor()),
				request.id,
				{ approve: true, note: '' },
				'https://example.org'
			);
			const profile = await getProfile(ctx(await claimant.actor()), slug, 'de');
			expect(profile.canEdit).toBe(true);
		});
	});

	describe('limits', () => {
		it('refuses a 21st proposal, claim or invitation by the same person within a day', async () => {
			const busy = await person();
			for (let i = 0; i < 20; i++) {
				await proposeOrganisation(ctx(await busy.actor()), profileInput({ name: `Serie ${kind} ${i}` }), {
					wantsAdmin: false,
					message: ''
				});
			}
			await expect(
				proposeOrganisation(ctx(await busy.actor()), profileInput({ name: `Serie ${kind} 21` }), {
					wantsAdmin: false,
					message: ''
				})
			).rejects.toThrow(TooManyAttempts);
		});
	});

	describe('team', () => {
		it('invites a colleague whose account has the invited address, once', async () => {
			const org = await getProfile(anon(), demo[5]!.slug, 'de');
			const owner = await person();
			const colleague = await person();
			const someoneElse = await person();
			const { setRole } = await import('#lib/server/directory/directory.queries.ts');
			await setRole(database.db, org.id, owner.user.id, 'org_admin');
			await expect(
				inviteColleague(
					ctx(await colleague.actor()),
					org.id,
					{ email: colleague.user.email, role: 'org_member' },
					{ origin: 'https://x', locale: 'de' }
				)
			).rejects.toThrow(Forbidden);
			await inviteColleague(
				ctx(await owner.actor()),
				org.id,
				{ email: colleague.user.email, role: 'org_member' },
				{ origin: 'https://example.org', locale: 'de' }
			);
			const mails = await database.db.select().from(outbox);
			const mail = mails.filter((m) => m.to === colleague.user.email).at(-1)!;
			const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
			await expect(acceptInvitation(ctx(await someoneElse.actor()), token)).rejects.toThrow(Forbidden);
			await acceptInvitation(ctx(await colleague.actor()), token);
			await expect(acceptInvitation(ctx(await colleague.actor()), token)).rejects.toThrow(Invalid);
			expect(await organisationRolesOf(database.db, colleague.user.id)).toEqual([
				{ organisationId: org.id, role: 'org_member', isMember: org.isMember }
			]);
			// The last admin cannot leave; a member can.
			await expect(removeTeamMember(ctx(await owner.actor()), org.id, owner.user.id)).rejects.toThrow(
				Conflict
			);
			await removeTeamMember(ctx(await colleague.actor()), org.id, colleague.user.id);
		});
	});

	describe('description translations and logos', () => {
		it('marks translations outdated after a substantive German change, not after a minor one', async () => {
			const editor = await person(['editor']);
			const org = await getProfile(anon(), demo[10]!.slug, 'de');
			const edit = await getOrganisationForEdit(ctx(await editor.actor()), org.id);
			const o = edit.organisation;
			const base = {
				name: o.name,
				districtKey: o.districtKey,
				municipality: o.municipality,
				description: edit.germanDescription
			};
			await saveTranslation(ctx(await editor.actor()), org.id, 'fa', 'متن فارسی');
			expect((await getProfile(anon(), org.slug, 'fa')).description).toMatchObject({
				locale: 'fa',
				status: 'current'
			});
			await updateOrganisation(
				ctx(await editor.actor()),
				org.id,
				profileInput({ ...base, description: `${base.description} Tippfehler.` }),
				edit.visibility,
				{ minor: true }
			);
			expect((await getProfile(anon(), org.slug, 'fa')).description?.status).toBe('current');
			await updateOrganisation(
				ctx(await editor.actor()),
				org.id,
				profileInput({ ...base, description: 'Ganz neuer Text.' }),
				edit.visibility,
				{ minor: false }
			);
			expect((await getProfile(anon(), org.slug, 'fa')).description?.status).toBe('outdated');
			expect((await getProfile(anon(), org.slug, 'vi')).description).toMatchObject({ locale: 'de' });
		});

		it('stores a re-encoded logo and refuses SVG', async () => {
			const storage = createFileSystemStorage(uploads);
			const editor = await person(['editor']);
			const org = await getProfile(anon(), demo[12]!.slug, 'de');
			const png = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#336699' } })
				.png()
				.toBuffer();
			await setLogo(ctx(await editor.actor()), storage, org.id, png);
			const url = (await getProfile(anon(), org.slug, 'de')).logoUrl!;
			const file = url.split('/').at(-1)!;
			const logo = await getLogo(anon(), storage, file);
			expect((await sharp(logo.bytes).metadata()).format).toBe('webp');
			await expect(getLogo(anon(), storage, '1-000000000000.webp')).rejects.toThrow(NotFound);
			const svg = new TextEncoder().encode(
				'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
			);
			await expect(setLogo(ctx(await editor.actor()), storage, org.id, svg)).rejects.toThrow(Invalid);
		});
	});

	describe('erasure', () => {
		it('deletes a profile with its team and logo; strangers may not', async () => {
			const storage = createFileSystemStorage(uploads);
			const org = await getProfile(anon(), demo.filter((d) => d.kind === 'initiative').at(-1)!.slug, 'de');
			const owner = await person();
			const { setRole } = await import('#lib/server/directory/directory.queries.ts');
			await setRole(database.db, org.id, owner.user.id, 'org_admin');
			const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } })
				.png()
				.toBuffer();
			await setLogo(ctx(await owner.actor()), storage, org.id, png);
			const file = (await getProfile(anon(), org.slug, 'de')).logoUrl!.split('/').at(-1)!;
			const stranger = await person();
			await expect(deleteOrganisation(ctx(await stranger.actor()), storage, org.id)).rejects.toThrow(
				Forbidden
			);
			await deleteOrganisation(ctx(await owner.actor()), storage, org.id);
			await expect(getProfile(anon(), org.slug, 'de')).rejects.toThrow(NotFound);
			expect(await organisationRolesOf(database.db, owner.user.id)).toEqual([]);
			expect(await storage.get(`logos/${file}`)).toBeNull();
		});
	});

	describe(councilCoverage.name, () => {
		it('lists councils per district and the municipalities without one', async () => {
			const coverage = await councilCoverage(anon());
			expect(coverage).toHaveLength(13);
			const councils = demo.filter((d) => d.kind === 'migrant_council');
			for (const district of coverage) {
				const here = councils.filter((c) => c.districtKey === district.key);
				expect(district.councils.map((c) => c.slug).sort()).toEqual(here.map((c) => c.slug).sort());
				for (const c of here) {
					expect(district.covered).toContain(c.municipality);
					expect(district.uncovered).not.toContain(c.municipality);
				}
			}
			expect(coverage.find((d) => d.key === '14521')!.councils).toEqual([]);
		});
	});
});
