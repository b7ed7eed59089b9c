import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import sharp from 'sharp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/client.ts';
import { grantRole, insertUser } from '#lib/server/accounts/accounts.queries.ts';
import { newsletterDeliveries, newsletterSubscribers, outbox } from '#lib/server/db/schema/index.ts';
import { Forbidden, NotFound } from '#lib/server/errors.ts';
import {
	createNews,
	createPage,
	getRevision,
	getTranslationView,
	listRevisions,
	restoreRevision,
	saveNewsSettings,
	saveSource,
	saveTranslation
} from '#lib/server/content/editor.service.ts';
import { getPage } from '#lib/server/content/content.service.ts';
import { atomFeed, getNews, listNews, rssFeed } from '#lib/server/content/news.service.ts';
import { getMediaFile, uploadMedia } from '#lib/server/content/media.service.ts';
import { sitemap } from '#lib/server/content/sitemap.service.ts';
import { createFileSystemStorage } from '#lib/server/files/storage.ts';
import { createMailTransport } from '#lib/server/mail/transport.ts';
import { createIssue, startSending } from '#lib/server/newsletter/issue.service.ts';
import { newsletterToken } from '#lib/server/newsletter/links.ts';
import { recoverInterrupted, sendBatch } from '#lib/server/newsletter/sender.ts';
import {
	confirmSubscription,
	forgetStaleSubscribers,
	getSubscription,
	subscribe,
	unsubscribe,
	updateSubscription
} from '#lib/server/newsletter/subscription.service.ts';
import { ANONYMOUS, type Actor } from '#lib/server/policy/policy.ts';
import { seedDatabase } from '#lib/server/seed/seed.ts';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases.ts';

const HOUR = 3600_000;

function startSmtpServer() {
	const received: { to: string; raw: string }[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo[0]!.address,
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	const listening = new Promise<number>((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
	);
	return { received, listening, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(DATABASE_KINDS)('editorial work and newsletter on %s', (kind) => {
	let database: Database;
	let uploads: string;
	let editor: Actor;
	let seq = 0;
	const ctx = (actor: Actor) => ({ db: database.db, actor });
	const anon = () => ctx(ANONYMOUS);

	beforeAll(async () => {
		database = await openTestDatabase(kind);
		await seedDatabase(database.db, 'content');
		uploads = mkdtempSync(path.join(os.tmpdir(), 'miteinander-media-'));
		const user = await insertUser(database.db, {
			email: `editor-${kind}@example.org`,
			name: 'Eda Editor',
			passwordHash: 'x'
		});
		await grantRole(database.db, user.id, 'editor');
		editor = { userId: user.id, roles: ['editor'], twoFactorVerified: true };
	});
	afterAll(async () => {
		await database?.close();
		rmSync(uploads, { recursive: true, force: true });
	});

	describe('news', () => {
		it('publishes a scheduled news item on time: list, feeds, not before', async () => {
			const now = new Date();
			const id = await createNews(ctx(editor), {
				title: `Sommerfest ${kind} <script>alert(1)</script>`,
				summary: 'Alle sind eingeladen.',
				body: 'Wir feiern **gemeinsam**. <img src=x onerror=alert(1)> [Link](javascript:alert(1))'
			});
			await saveTranslation(ctx(editor), id, 'fa', {
				title: 'جشن تابستانی',
				summary: 'همه دعوت هستند.',
				body: 'ما با هم جشن می‌گیریم.',
				reviewed: true
			});
			await saveNewsSettings(ctx(editor), id, {
				publishAt: new Date(now.getTime() + HOUR),
				categories: ['Verband'],
				mediaId: null,
				showAuthor: true
			});
			const titles = async (at: Date, locale: 'de' | 'fa' = 'de') =>
				(await listNews(anon(), locale, {}, at)).items.map((i) => i.title);
			expect(await titles(now)).not.toContain(`Sommerfest ${kind} <script>alert(1)</script>`);
			const slug = (await listNews(anon(), 'de', {}, new Date(now.getTime() + 2 * HOUR))).items[0]!.slug;
			await expect(getNews(anon(), slug, 'de', now)).rejects.toBeInstanceOf(NotFound);
			expect((await getNews(ctx(editor), slug, 'de', now)).published).toBe(false);
			const later = new Date(now.getTime() + 2 * HOUR);
			expect(await titles(later, 'fa')).toContain('جشن تابستانی');
			const news = await getNews(anon(), slug, 'de', later);
			expect(news.author).toBe('Eda Editor');
			expect(news.html).toContain('<strong>gemeinsam</strong>');
			expect(news.html).not.toMatch(/onerror|javascript:|<script/i);
			const rss = await rssFeed(anon(), 'fa', 'https://x.example', 'Verband', later);
			expect(rss).toContain('<title>جشن تابستانی</title>');
			expect(rss).toContain(`https://x.example/fa/aktuelles/${slug}`);
			const atom = await atomFeed(anon(), 'de', 'https://x.example', 'Verband', later);
			expect(atom).toContain('&lt;script&gt;');
			expect(await rssFeed(anon(), 'fa', 'https://x.example', 'Verband', now)).not.toContain('جشن');
			const map = await sitemap(anon(), 'https://x.example', later);
			expect(map).toContain(`<loc>https://x.example/aktuelles/${slug}</loc>`);
			expect(map).toContain(`hreflang="fa" href="https://x.example/fa/aktuelles/${slug}"`);
		});

		it('creates pages at free, valid addresses', async () => {
			const id = await createPage(ctx(editor), `foerderung-${kind}`, {
				title: 'Förderung',
				summary: 'Programme',
				body: 'Text'
			});
			expect((await getPage(anon(), `foerderung-${kind}`, 'de')).title).toBe('Förderung');
			expect(id).toBeGreaterThan(0);
			for (const slug of [`foerderung-${kind}`, 'verzeichnis', 'Groß', '../x', 'ar'])
				await expect(
					createPage(ctx(editor), slug, { title: 'x', summary: '', body: 'x' })
				).rejects.toMatchObject({
					field: 'slug'
				});
		});

		it('only editors edit', async () => {
			await expect(createNews(anon(), { title: 'x', summary: '', body: 'x' })).rejects.toBeInstanceOf(
				Forbidden
			);
			const member: Actor = { userId: editor.userId, roles: [], twoFactorVerified: true };
			await expect(createNews(ctx(member), { title: 'x', summary: '', body: 'x' })).rejects.toBeInstanceOf(
				Forbidden
			);
		});
	});

	describe('translations and revisions', () => {
		it('marks translations outdated after a substantive edit, shows what changed, keeps them on a minor one', async () => {
			const page = await getPage(anon(), 'ziele', 'de');
			const { findPageBySlug } = await import('#lib/server/content/editor.queries.ts');
			const row = (await findPageBySlug(database.db, 'ziele'))!;
			const before = await getTranslationView(ctx(editor), row.id, 'en');
			expect(before.status).toBe('current');
			await saveSource(
				ctx(editor),
				row.id,
				{ title: page.title, summary: page.summary, body: 'Ein ganz neuer Text.' },
				{ minor: true }
			);
			expect((await getTranslationView(ctx(editor), row.id, 'en')).status).toBe('current');
			await saveSource(
				ctx(editor),
				row.id,
				{ title: page.title, summary: page.summary, body: 'Ein ganz neuer Text mit Zusatz.' },
				{ minor: false }
			);
			const after = await getTranslationView(ctx(editor), row.id, 'en');
			expect(after.status).toBe('outdated');
			const added = after
				.sourceChanges!.body.filter((p) => p.kind === 'added')
				.map((p) => p.text)
				.join('');
			expect(added).toContain('Ein ganz neuer Text mit Zusatz.'.split(' ').at(-1));
			const { revisions } = await listRevisions(ctx(editor), row.id);
			expect(revisions.length).toBeGreaterThanOrEqual(3);
			const latest = revisions[0]!.revision;
			const diff = await getRevision(ctx(editor), latest.id);
			expect(diff.diff.body.some((p) => p.kind === 'added' && p.text.includes('Zusatz'))).toBe(true);
			// Restoring the seeded text makes it current again (as a new revision).
			const seeded = revisions.at(-1)!.revision;
			await restoreRevision(ctx(editor), seeded.id);
			expect((await getPage(anon(), 'ziele', 'de')).html).not.toContain('Zusatz');
		});
	});

	describe('media', () => {
		it('re-encodes pictures into WebP and JPEG variants without metadata', async () => {
			const storage = createFileSystemStorage(uploads);
			const jpeg = await sharp({ create: { width: 1000, height: 600, channels: 3, background: '#c33' } })
				.jpeg()
				.withMetadata({ exif: { IFD0: { Artist: 'Secret Person' } } })
				.toBuffer();
			const id = await uploadMedia(ctx(editor), storage, new Uint8Array(jpeg), {
				name: 'Fest',
				alt: 'Menschen feiern'
			});
			const { findMedia } = await import('#lib/server/content/editor.queries.ts');
			const row = (await findMedia(database.db, id))!;
			expect(row.variants.map((v) => v.width)).toEqual([400, 800, 1000]);
			const file = await getMediaFile(anon(), storage, row.variants[0]!.webp);
			expect(file.contentType).toBe('image/webp');
			const meta = await sharp(file.bytes).metadata();
			expect(meta.exif).toBeUndefined();
			const fallback = await getMediaFile(anon(), storage, row.variants[0]!.jpeg);
			expect((await sharp(fallback.bytes).metadata()).format).toBe('jpeg');
			await expect(
				uploadMedia(ctx(editor), storage, new TextEncoder().encode('<svg onload="alert(1)"></svg>'), {
					name: 'x',
					alt: 'x'
				})
			).rejects.toMatchObject({ messageKey: 'errors_image_type' });
		});
	});

	describe('newsletter', () => {
		const meta = { ip: '192.0.2.7', origin: 'https://x.example' };

		it('double opt-in with consent proof; unsubscribing is immediate; settings change', async () => {
			const email = `olga-${kind}@example.org`;
			await subscribe(anon(), { email, locale: 'ru', topics: ['events'] }, meta);
			const [row] = await database.db
				.select()
				.from(newsletterSubscribers)
				.where(eq(newsletterSubscribers.email, email));
			expect(row).toMatchObject({
				status: 'pending',
				signupIp: '192.0.2.7',
				consentVersion: 'newsletter-consent@1'
			});
			expect(row!.consentText).toMatch(/рассылк|newsletter/i);
			const [mail] = await database.db.select().from(outbox).where(eq(outbox.to, email));
			expect(mail!.purpose).toBe('newsletter_confirm');
			const confirmToken = await newsletterToken(database.db, 'confirm', row!);
			expect(mail!.text).toContain(confirmToken);
			await expect(confirmSubscription(anon(), `${row!.id}-${'0'.repeat(32)}`)).rejects.toBeInstanceOf(
				NotFound
			);
			const confirmed = await confirmSubscription(anon(), confirmToken);
			expect(confirmed.status).toBe('confirmed');
			expect(confirmed.confirmedAt).toBeInstanceOf(Date);
			const manage = await newsletterToken(database.db, 'manage', row!);
			await updateSubscription(anon(), manage, { locale: 'uk', topics: ['events', 'funding'] });
			expect(await getSubscription(anon(), manage)).toMatchObject({
				locale: 'uk',
				topics: ['events', 'funding']
			});
			await unsubscribe(anon(), manage);
			expect((await getSubscription(anon(), manage)).status).toBe('unsubscribed');
		});

		it('deletes unconfirmed sign-ups after 7 days', async () => {
			const email = `late-${kind}@example.org`;
			await subscribe(anon(), { email, locale: 'de', topics: ['events'] }, { ...meta, ip: null });
			await forgetStaleSubscribers(database.db, new Date(Date.now() + 8 * 24 * HOUR));
			expect(
				await database.db.select().from(newsletterSubscribers).where(eq(newsletterSubscribers.email, email))
			).toEqual([]);
		});

		it('sends each subscriber the issue once, in their language, and resumes after a crash without duplicates', async () => {
			const smtp = startSmtpServer();
			const transport = createMailTransport(`smtp://127.0.0.1:${await smtp.listening}?pool=true`);
			try {
				for (let i = 0; i < 25; i++) {
					await database.db.insert(newsletterSubscribers).values({
						email: `s${i}-${++seq}-${kind}@example.org`,
						locale: i % 2 ? 'ru' : 'vi',
						topics: ['association'],
						status: 'confirmed',
						consentVersion: 'newsletter-consent@1',
						consentText: 'x',
						confirmedAt: new Date()
					});
				}
				const issueId = await createIssue(ctx(editor), {
					texts: {
						de: { subject: 'Ausgabe Mai', body: 'Hallo zusammen' },
						ru: { subject: 'Выпуск май', body: 'Привет всем' }
					},
					newsPageIds: [],
					topics: ['association'],
					ratePerMinute: 6000
				});
				await startSending(ctx(editor), issueId, 'https://x.example');
				const options = { transport, from: 'Verband <noreply@example.org>' };
				expect((await sendBatch(database.db, options, issueId, 10)).sent).toBe(10);
				// A crash: a batch is claimed and the sender dies after sending 3 of its 10 mails.
				const { claimDeliveries, markDelivery } =
					await import('#lib/server/newsletter/newsletter.queries.ts');
				const claimed = await claimDeliveries(database.db, issueId, 10, new Date(Date.now() - 10 * 60_000));
				for (const d of claimed.slice(0, 3)) {
					await transport!.sendMail({
						from: options.from,
						to: d.email,
						subject: 'Ausgabe Mai',
						text: 'x',
						headers: { 'X-Miteinander-Newsletter': String(issueId) }
					});
					await markDelivery(database.db, issueId, d.subscriber_id, { status: 'sent', sentAt: new Date() });
				}
				// The 4th was maybe on its way when the process died: never sent again.
				await transport!.sendMail({
					from: options.from,
					to: claimed[3]!.email,
					subject: 'Ausgabe Mai',
					text: 'x',
					headers: { 'X-Miteinander-Newsletter': String(issueId) }
				});
				expect(await recoverInterrupted(database.db, issueId, new Date())).toMatchObject({
					uncertain: 1,
					requeued: 6
				});
				let result;
				do result = await sendBatch(database.db, options, issueId, 10);
				while (result.remaining > 0);
				const mine = smtp.received.filter((m) => m.raw.includes(`X-Miteinander-Newsletter: ${issueId}`));
				const counts = new Map<string, number>();
				for (const m of mine) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
				expect(counts.size).toBe(25);
				expect([...counts.values()].every((n) => n === 1)).toBe(true);
				// Russian readers get the Russian text, Vietnamese ones the German (no Vietnamese text).
				const subjects = await Promise.all(
					mine.slice(0, 6).map(async (m) => ({ to: m.to, subject: (await simpleParser(m.raw)).subject }))
				);
				const ruEmails = new Set(
					(
						await database.db
							.select()
							.from(newsletterSubscribers)
							.where(eq(newsletterSubscribers.locale, 'ru'))
					).map((r) => r.email)
				);
				for (const s of subjects) expect(s.subject).toBe(ruEmails.has(s.to) ? 'Выпуск май' : 'Ausgabe Mai');
				// Header lines may be folded: unfold them before reading.
				const headers = mine[0]!.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
				expect(headers).toMatch(
					/List-Unsubscribe: <https:\/\/x\.example\/newsletter\/ein-klick\?token=\d+-[0-9a-f]{32}>/
				);
				expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
				const rows = await database.db
					.select()
					.from(newsletterDeliveries)
					.where(eq(newsletterDeliveries.issueId, issueId));
				expect(rows.filter((r) => r.status === 'sent')).toHaveLength(24);
				expect(rows.filter((r) => r.status === 'failed')).toHaveLength(1);
			} finally {
				transport?.close();
				await smtp.close();
			}
		});
	});
});
