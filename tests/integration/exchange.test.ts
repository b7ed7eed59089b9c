import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY } from '#lib/directory/directory.ts';
import type { Database } from '#lib/server/db/client.ts';
import { grantRole, insertUser, organisationRolesOf } from '#lib/server/accounts/accounts.queries.ts';
import {
	exchangeTopics,
	memberships,
	organisationRoles,
	organisations,
	outbox
} from '#lib/server/db/schema/index.ts';
import { Forbidden, NotFound } from '#lib/server/errors.ts';
import {
	circularReceipts,
	myCirculars,
	readCircular,
	sendCircular
} from '#lib/server/circulars/circulars.service.ts';
import {
	acceptConversation,
	getConversation,
	requestConversation,
	sendMessage
} from '#lib/server/exchange/conversations.service.ts';
import {
	answerQuestion,
	askQuestion,
	getQuestion,
	listQuestions,
	markSolved,
	setQuestionPublic,
	toggleHelpful,
	toggleSameProblem
} from '#lib/server/exchange/exchange.service.ts';
import { saveHelperProfile, sendDigests } from '#lib/server/exchange/helpers.service.ts';
import { blockAuthor, openReports, reportPost, setHidden } from '#lib/server/exchange/moderation.service.ts';
import { createFileSystemStorage } from '#lib/server/files/storage.ts';
import {
	browseLibrary,
	createDocument,
	downloadVersion,
	getDocument
} from '#lib/server/library/library.service.ts';
import { ANONYMOUS, type Actor } from '#lib/server/policy/policy.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { renderPdf } from '#lib/server/events/pdf.ts';
import {
	closeOpportunity,
	expressInterest,
	listOpportunities,
	postOpportunity,
	reviewOpportunity
} from '#lib/server/volunteering/volunteering.service.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const ORIGIN = 'https://x.example';

describe.each(DATABASE_KINDS)('exchange, circulars, library and volunteering on %s', (kind) => {
	let database: Database;
	let uploads: string;
	let seq = 0;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	const anon = () => ctx(ANONYMOUS);

	async function person(roles: ('admin' | 'board' | 'editor' | 'moderator')[] = [], locale = 'de') {
		const user = await insertUser(database.db, {
			email: `x${++seq}-${kind}@example.org`,
			name: `Person ${seq}`,
			passwordHash: 'x',
			locale
		});
		for (const role of roles) await grantRole(database.db, user.id, role);
		const actor = async (): Promise<Actor> => ({
			userId: user.id,
			roles,
			twoFactorVerified: true,
			organisationRoles: await organisationRolesOf(database.db, user.id)
		});
		return { user, actor: await actor(), refresh: actor };
	}
	const mails = (to: string, purpose: string) =>
		database.db
			.select()
			.from(outbox)
			.where(and(eq(outbox.to, to), eq(outbox.purpose, purpose)));
	const topicId = async (slug: string) =>
		(await database.db.select().from(exchangeTopics).where(eq(exchangeTopics.slug, slug)))[0]!.id;

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		uploads = mkdtempSync(path.join(os.tmpdir(), 'miteinander-library-'));
	});
	afterAll(async () => {
		await database?.close();
		rmSync(uploads, { recursive: true, force: true });
	});

	describe('peer help', () => {
		it('a pseudonymous question in Arabic reaches matching helpers, is answered, solved, and talked about privately', async () => {
			const recognition = await topicId('anerkennung');
			const asker = await person([], 'ar');
			const instant = await person([], 'ar');
			const daily = await person();
			const other = await person();
			await saveHelperProfile(ctx(instant.actor), {
				topicIds: [recognition],
				languages: ['ar', 'de'],
				districtKey: null,
				mode: 'instant',
				maxPerDay: 5
			});
			await saveHelperProfile(ctx(daily.actor), {
				topicIds: [recognition],
				languages: ['ar'],
				districtKey: '14713',
				mode: 'daily',
				maxPerDay: 5
			});
			await saveHelperProfile(ctx(other.actor), {
				topicIds: [recognition],
				languages: ['uk'],
				districtKey: null,
				mode: 'instant',
				maxPerDay: 5
			});
			const id = await askQuestion(
				ctx(asker.actor),
				{
					topicId: recognition,
					locale: 'ar',
					districtKey: '14713',
					title: 'الاعتراف بشهادة الهندسة من سوريا',
					body: 'كيف أبدأ؟',
					pseudonymous: true
				},
				ORIGIN
			);
			expect((await mails(instant.user.email, 'exchange_question')).length).toBe(1);
			expect((await mails(other.user.email, 'exchange_question')).length).toBe(0);
			expect(await sendDigests(database.db, ORIGIN)).toBeGreaterThanOrEqual(1);
			expect((await mails(daily.user.email, 'exchange_digest')).length).toBe(1);
			expect(await sendDigests(database.db, ORIGIN)).toBe(0);

			// Others see the pseudonym; the moderator also sees who it is.
			const seen = await getQuestion(ctx(other.actor), id);
			expect(seen.author).toMatchObject({ name: null, realName: null });
			expect(seen.author.pseudonym).toMatch(/^[2-9A-Z]{4}$/);
			const moderator = await person(['moderator']);
			expect((await getQuestion(ctx(moderator.actor), id)).author.realName).toBe(asker.user.name);
			await expect(getQuestion(anon(), id)).rejects.toBeInstanceOf(Forbidden);

			await answerQuestion(ctx(instant.actor), id, 'ابدأ بموقع anerkennung-in-deutschland.de', false, ORIGIN);
			expect((await mails(asker.user.email, 'exchange_answer')).length).toBe(1);
			const answerId = (await getQuestion(ctx(asker.actor), id)).answers[0]!.id;
			await toggleHelpful(ctx(other.actor), id, answerId);
			await toggleSameProblem(ctx(other.actor), id);
			await expect(markSolved(ctx(other.actor), id, answerId)).rejects.toBeInstanceOf(Forbidden);
			await markSolved(ctx(asker.actor), id, answerId);
			const solved = await getQuestion(ctx(other.actor), id);
			expect(solved.question.status).toBe('solved');
			expect(solved.answers[0]!.helpful).toBe(1);
			expect(solved.sameProblem.count).toBe(1);

			// Private messages once both agree; nobody else can read them.
			const conversation = await requestConversation(ctx(asker.actor), id, answerId, ORIGIN);
			await expect(sendMessage(ctx(asker.actor), conversation, 'شكراً', ORIGIN)).rejects.toMatchObject({
				messageKey: 'exchange_not_accepted'
			});
			await acceptConversation(ctx(instant.actor), conversation);
			await sendMessage(ctx(asker.actor), conversation, 'شكراً جزيلاً', ORIGIN);
			expect((await getConversation(ctx(instant.actor), conversation)).messages.map((m) => m.body)).toEqual([
				'شكراً جزيلاً'
			]);
			await expect(getConversation(ctx(other.actor), conversation)).rejects.toBeInstanceOf(NotFound);
			const notice = await mails(instant.user.email, 'exchange_conversation');
			expect(notice.length).toBe(2);
			expect(notice.every((m) => !m.text.includes(asker.user.email))).toBe(true);
		});

		it('respects the daily limit per helper', async () => {
			const housing = await topicId('wohnen');
			const helper = await person();
			await saveHelperProfile(ctx(helper.actor), {
				topicIds: [housing],
				languages: ['de'],
				districtKey: null,
				mode: 'instant',
				maxPerDay: 2
			});
			const asker = await person();
			for (let i = 0; i < 4; i++)
				await askQuestion(
					ctx(asker.actor),
					{
						topicId: housing,
						locale: 'de',
						districtKey: null,
						title: `Wohnung ${i}`,
						body: 'Frage',
						pseudonymous: false
					},
					ORIGIN
				);
			expect((await mails(helper.user.email, 'exchange_question')).length).toBe(2);
		});

		it('search finds questions with stemming and typos; filters; visitors only see public ones', async () => {
			const school = await topicId('schule');
			const asker = await person();
			const reader = await person();
			const id = await askQuestion(
				ctx(asker.actor),
				{
					topicId: school,
					locale: 'de',
					districtKey: null,
					title: `Anmeldung Grundschule ${kind}`,
					body: 'Welche Unterlagen braucht die Schulanmeldung?',
					pseudonymous: false
				},
				ORIGIN
			);
			const ids = async (q: string, extra = {}) =>
				(
					await listQuestions(ctx(reader.actor), {
						q,
						topicId: null,
						language: '',
						status: '',
						page: 1,
						...extra
					})
				).items.map((i) => i.question.id);
			expect(await ids('Unterlage')).toContain(id);
			expect(await ids('Grundschle')).toContain(id);
			expect(await ids('', { topicId: school, status: 'open' })).toContain(id);
			expect(await ids('', { status: 'solved' })).not.toContain(id);
			expect(
				(await listQuestions(anon(), { q: '', topicId: null, language: '', status: '', page: 1 })).items.map(
					(i) => i.question.id
				)
			).not.toContain(id);
			const editor = await person(['editor']);
			await setQuestionPublic(ctx(editor.actor), id, true);
			expect((await getQuestion(anon(), id)).question.id).toBe(id);
		});

		it('moderation: a reported answer is hidden, its author blocked; every step is audited', async () => {
			const health = await topicId('gesundheit');
			const asker = await person();
			const troll = await person();
			const moderator = await person(['moderator']);
			const id = await askQuestion(
				ctx(asker.actor),
				{
					topicId: health,
					locale: 'de',
					districtKey: null,
					title: 'Hausarzt finden',
					body: '?',
					pseudonymous: false
				},
				ORIGIN
			);
			await answerQuestion(ctx(troll.actor), id, 'Beleidigung', false, ORIGIN);
			const answerId = (await getQuestion(ctx(asker.actor), id)).answers[0]!.id;
			await reportPost(ctx(asker.actor), 'answer', answerId, 'beleidigend');
			expect((await openReports(ctx(moderator.actor))).some((r) => r.report.targetId === answerId)).toBe(
				true
			);
			await expect(openReports(ctx(asker.actor))).rejects.toBeInstanceOf(Forbidden);
			await setHidden(ctx(moderator.actor), 'answer', answerId, true, 'Verstoß gegen den Verhaltenskodex');
			const view = await getQuestion(ctx(asker.actor), id);
			expect(view.answers[0]).toMatchObject({ hidden: true, body: '' });
			expect((await getQuestion(ctx(moderator.actor), id)).answers[0]!.body).toBe('Beleidigung');
			expect((await openReports(ctx(moderator.actor))).some((r) => r.report.targetId === answerId)).toBe(
				false
			);
			await blockAuthor(ctx(moderator.actor), 'answer', answerId, 'Beleidigungen');
			await expect(answerQuestion(ctx(troll.actor), id, 'noch mal', false, ORIGIN)).rejects.toMatchObject({
				messageKey: 'errors_forbidden'
			});
		});
	});

	describe('circulars', () => {
		it('reach the chosen members in their language; read receipts per member; the board sees who has not read', async () => {
			const board = await person(['board']);
			const orgs = [];
			for (const [name, email, locale] of [
				['Verein Eins', `eins-${kind}@example.org`, 'de'],
				['Verein Zwei', `zwei-${kind}@example.org`, 'uk']
			] as const) {
				const [org] = await database.db
					.insert(organisations)
					.values({
						slug: `${name.toLowerCase().replace(' ', '-')}-${kind}`,
						name,
						kind: 'migrant_organisation',
						districtKey: '14612',
						visibility: DEFAULT_VISIBILITY,
						status: 'published',
						isMember: true
					})
					.returning();
				await database.db.insert(memberships).values({
					number: `T-${kind}-${name}`,
					year: 2026,
					sequence: ++seq,
					form: 'ordinary',
					name,
					email,
					locale,
					organisationId: org!.id,
					startedOn: '2026-01-01',
					decidedOn: '2026-01-01'
				});
				orgs.push(org!);
			}
			const storage = createFileSystemStorage(uploads);
			const id = await sendCircular(
				ctx(board.actor),
				storage,
				{
					title: 'Einladung',
					body: 'Liebe Mitglieder,\n\nwir laden ein.',
					translations: { uk: { title: 'Запрошення', body: 'Шановні члени.' } },
					forms: ['ordinary'],
					districtKeys: ['14612']
				},
				[
					{ bytes: renderPdf('Tagesordnung', [{ text: 'Tagesordnung', size: 12 }]), name: 'Tagesordnung.pdf' }
				],
				ORIGIN
			);
			expect((await mails(`zwei-${kind}@example.org`, 'circular'))[0]!.subject).toContain('Запрошення');
			expect((await mails(`eins-${kind}@example.org`, 'circular'))[0]!.subject).toContain('Einladung');
			const reader = await person();
			await database.db
				.insert(organisationRoles)
				.values({ organisationId: orgs[0]!.id, userId: reader.user.id, role: 'org_member' });
			const readerActor = await reader.refresh();
			expect((await myCirculars(ctx(readerActor), 'de')).map((c) => c.read)).toEqual([false]);
			await readCircular(ctx(readerActor), id, 'de');
			const stranger = await person();
			await expect(readCircular(ctx(stranger.actor), id, 'de')).rejects.toBeInstanceOf(NotFound);
			const receipts = await circularReceipts(ctx(board.actor), id);
			expect(receipts.read.map((r) => r.name)).toEqual(['Verein Eins']);
			expect(receipts.unread.map((r) => r.name)).toEqual(['Verein Zwei']);
			await expect(circularReceipts(ctx(readerActor), id)).rejects.toBeInstanceOf(Forbidden);
		});
	});

	describe('library', () => {
		it('shows members’ documents to members only; downloads are checked; files are allow-listed by content', async () => {
			const editor = await person(['editor']);
			const storage = createFileSystemStorage(uploads);
			const pdf = renderPdf('Satzung', [{ text: 'Satzung', size: 12 }]);
			const publicId = await createDocument(
				ctx(editor.actor),
				storage,
				{
					title: `Mustersatzung ${kind}`,
					description: 'Für Vereinsgründungen',
					tags: ['Satzung'],
					language: 'de',
					access: 'public',
					folderId: null
				},
				{ bytes: pdf, name: 'satzung.pdf' }
			);
			const membersId = await createDocument(
				ctx(editor.actor),
				storage,
				{
					title: `Förderantrag ${kind}`,
					description: 'Checkliste',
					tags: [],
					language: 'de',
					access: 'members',
					folderId: null
				},
				{ bytes: pdf, name: 'foerderung.pdf' }
			);
			const anonymousTitles = (await browseLibrary(anon(), { q: '', folderId: null, language: '' })).rows.map(
				(r) => r.document.id
			);
			expect(anonymousTitles).toContain(publicId);
			expect(anonymousTitles).not.toContain(membersId);
			const version = (await getDocument(ctx(editor.actor), membersId)).versions[0]!.version.id;
			await expect(downloadVersion(anon(), storage, version)).rejects.toBeInstanceOf(Forbidden);
			const plain = await person();
			await expect(downloadVersion(ctx(plain.actor), storage, version)).rejects.toBeInstanceOf(NotFound);
			const publicVersion = (await getDocument(anon(), publicId)).versions[0]!.version.id;
			expect((await downloadVersion(anon(), storage, publicVersion)).contentType).toBe('application/pdf');
			expect(
				(await browseLibrary(anon(), { q: 'Mustersatzungen', folderId: null, language: '' })).rows.map(
					(r) => r.document.id
				)
			).toContain(publicId);
			await expect(
				createDocument(
					ctx(editor.actor),
					storage,
					{ title: 'x', description: '', tags: [], language: 'de', access: 'public', folderId: null },
					{ bytes: new TextEncoder().encode('<html><script>alert(1)</script>'), name: 'x.pdf' }
				)
			).rejects.toMatchObject({ messageKey: 'documents_file_type' });
		});
	});

	describe('volunteering', () => {
		it('an organisation posts, an editor publishes, someone offers help, the organisation closes', async () => {
			const [org] = await database.db
				.insert(organisations)
				.values({
					slug: `hilfe-${kind}`,
					name: 'Hilfe e. V.',
					kind: 'initiative',
					districtKey: '14713',
					visibility: DEFAULT_VISIBILITY,
					status: 'published',
					email: `kontakt-hilfe-${kind}@example.org`
				})
				.returning();
			const admin = await person();
			await database.db
				.insert(organisationRoles)
				.values({ organisationId: org!.id, userId: admin.user.id, role: 'org_admin' });
			const adminActor = await admin.refresh();
			const editor = await person(['editor']);
			const opportunity = await postOpportunity(ctx(adminActor), org!.id, {
				title: 'Begleitung zu Behörden',
				description: 'Wir suchen Menschen, die begleiten.',
				districtKey: '14713',
				municipality: 'Leipzig',
				schedule: 'nach Absprache',
				timeNeeded: '2 Stunden pro Woche',
				languages: ['ar', 'de'],
				contactName: 'Frau Beispiel'
			});
			expect(opportunity.status).toBe('pending');
			expect(
				(await listOpportunities(anon(), { district: '14713', language: '' })).map((o) => o.opportunity.id)
			).not.toContain(opportunity.id);
			await expect(
				postOpportunity(ctx((await person()).actor), org!.id, {
					title: 'x',
					description: 'x',
					districtKey: '14713',
					municipality: '',
					schedule: '',
					timeNeeded: '',
					languages: [],
					contactName: ''
				})
			).rejects.toBeInstanceOf(Forbidden);
			await reviewOpportunity(ctx(editor.actor), opportunity.id, true);
			expect(
				(await listOpportunities(anon(), { district: '14713', language: 'ar' })).map((o) => o.opportunity.id)
			).toContain(opportunity.id);
			await expressInterest(
				anon(),
				opportunity.id,
				{ name: 'Samira', email: `samira-${kind}@example.org`, message: 'Ich spreche Arabisch.' },
				{ ip: null, origin: ORIGIN }
			);
			const [mail] = await mails(`kontakt-hilfe-${kind}@example.org`, 'volunteering_interest');
			expect(mail!.text).toContain('Samira');
			expect(mail!.text).toContain('Ich spreche Arabisch.');
			await closeOpportunity(ctx(adminActor), opportunity.id);
			await expect(
				expressInterest(
					anon(),
					opportunity.id,
					{ name: 'B', email: 'b@example.org', message: 'x' },
					{ ip: null, origin: ORIGIN }
				)
			).rejects.toBeInstanceOf(NotFound);
		});
	});
});
