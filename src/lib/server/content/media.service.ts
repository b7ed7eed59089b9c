import { randomBytes } from 'node:crypto';
import { BASE_LOCALE, isLocale, type Locale } from '#lib/i18n/locales.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { MediaVariant } from '#lib/server/db/schema/index.ts';
import { NotFound } from '#lib/server/errors.ts';
import { processPicture } from '#lib/server/files/images.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './editor.queries.ts';

const FILE = /^(\d+)-([0-9a-f]{12})-(\d{1,4})\.(webp|jpg)$/;

/** Uploads a picture into the media library: checked by content, re-encoded, with its German text. */
export async function uploadMedia(
	ctx: ServiceContext,
	storage: FileStorage,
	upload: Uint8Array,
	input: { name: string; alt: string }
) {
	requireAccess(ctx.actor, 'content.edit');
	const picture = await processPicture(upload);
	const row = await queries.insertMedia(ctx.db, {
		name: input.name,
		width: picture.width,
		height: picture.height,
		variants: [],
		alt: { [BASE_LOCALE]: input.alt },
		createdBy: ctx.actor.userId
	});
	const tag = randomBytes(6).toString('hex');
	const variants: MediaVariant[] = [];
	for (const v of picture.variants) {
		const base = `${row.id}-${tag}-${v.width}`;
		await storage.put(`media/${base}.webp`, v.webp, 'image/webp');
		await storage.put(`media/${base}.jpg`, v.jpeg, 'image/jpeg');
		variants.push({ width: v.width, height: v.height, webp: `${base}.webp`, jpeg: `${base}.jpg` });
	}
	await ctx.db.transaction(async (tx) => {
		await queries.setMediaVariants(tx, row.id, variants);
		await audit(tx, { actorId: ctx.actor.userId, action: 'media.upload', subjectType: 'media', subjectId: row.id });
	});
	return row.id;
}

export async function listMedia(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'content.edit');
	return queries.listMedia(ctx.db);
}

export async function getMedia(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'content.edit');
	const row = await queries.findMedia(ctx.db, id);
	if (!row) throw new NotFound(`media ${id}`);
	return row;
}

/** The text for people who cannot see the picture, per language (German required). */
export async function saveMediaAlt(ctx: ServiceContext, id: number, alt: Partial<Record<Locale, string>>) {
	const row = await getMedia(ctx, id);
	const next = Object.fromEntries(
		Object.entries({ ...row.alt, ...alt }).filter(([locale, text]) => isLocale(locale) && text?.trim())
	) as Record<string, string>;
	await queries.updateMediaAlt(ctx.db, id, next);
	invalidatePageCache();
}

export async function deleteMedia(ctx: ServiceContext, storage: FileStorage, id: number) {
	const row = await getMedia(ctx, id);
	await queries.deleteMedia(ctx.db, id);
	for (const v of row.variants) {
		await storage.delete(`media/${v.webp}`);
		await storage.delete(`media/${v.jpeg}`);
	}
	await audit(ctx.db, { actorId: ctx.actor.userId, action: 'media.delete', subjectType: 'media', subjectId: id });
	invalidatePageCache();
}

/** A media file; pictures are public (they appear on public pages). */
export async function getMediaFile(ctx: ServiceContext, storage: FileStorage, file: string) {
	const match = FILE.exec(file);
	if (!match) throw new NotFound(file);
	const row = await queries.findMedia(ctx.db, Number(match[1]));
	if (!row || !row.variants.some((v) => v.webp === file || v.jpeg === file)) throw new NotFound(file);
	const stored = await storage.get(`media/${file}`);
	if (!stored) throw new NotFound(file);
	return { ...stored, contentType: match[4] === 'webp' ? 'image/webp' : 'image/jpeg' };
}

/** `srcset` values and the fallback source for a `<picture>`. */
export function pictureSources(row: { variants: MediaVariant[] }) {
	const srcset = (kind: 'webp' | 'jpeg') => row.variants.map((v) => `/medien/${v[kind]} ${v.width}w`).join(', ');
	const largest = row.variants.at(-1);
	return largest
		? { webp: srcset('webp'), jpeg: srcset('jpeg'), src: `/medien/${largest.jpeg}`, width: largest.width, height: largest.height }
		: null;
}

/** The picture's text in a language, German where none is written. */
export function altText(row: { alt: Record<string, string> }, locale: Locale): string {
	return row.alt[locale] || row.alt[BASE_LOCALE] || '';
}
