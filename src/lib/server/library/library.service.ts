import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	documentFolders,
	documents,
	documentVersions,
	memberships,
	users,
	type AccessLevel
} from '#lib/server/db/schema/index.ts';
import { Forbidden, NotFound } from '#lib/server/errors.ts';
import { safeFileName, sniffDocument } from '#lib/server/files/documents.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { can, effectiveRoles, requireAccess } from '#lib/server/policy/policy.ts';

const LEVELS: AccessLevel[] = ['public', 'members', 'board'];

/**
 * How much of the library someone sees: the board, admins and editors everything; members of the
 * association (people in a member organisation, or with a personal membership) members' documents;
 * everyone else public ones.
 */
export async function libraryClearance(ctx: ServiceContext): Promise<AccessLevel> {
	const actor = ctx.actor;
	if (can(actor, 'documents.manage')) return 'board';
	if (actor.userId === null) return 'public';
	if (effectiveRoles(actor).length > 0) return 'members';
	if ((actor.organisationRoles ?? []).some((r) => r.isMember)) return 'members';
	const [row] = await ctx.db
		.select({ id: memberships.id })
		.from(memberships)
		.innerJoin(users, sql`lower(${users.email}) = lower(${memberships.email})`)
		.where(and(eq(users.id, actor.userId), eq(memberships.status, 'active')))
		.limit(1);
	return row ? 'members' : 'public';
}

const visibleTo = (clearance: AccessLevel) => LEVELS.slice(0, LEVELS.indexOf(clearance) + 1);

export interface LibraryQuery {
	q: string;
	folderId: number | null;
	language: string;
}

/** Keeps a document's search vector in step with its title, description and tags. */
export async function refreshSearch(db: DbOrTx, id: number) {
	await db.execute(sql`
		update documents set search_vector =
			setweight(to_tsvector('german_unaccent', title), 'A')
			|| setweight(to_tsvector('german_unaccent', description || ' ' || array_to_string(tags, ' ')), 'B')
			|| setweight(to_tsvector('simple_unaccent', title || ' ' || description), 'C')
		where id = ${id}`);
}

export async function browseLibrary(ctx: ServiceContext, query: LibraryQuery) {
	requireAccess(ctx.actor, 'documents.read');
	const clearance = await libraryClearance(ctx);
	const conditions = [inArray(documents.access, visibleTo(clearance))];
	if (query.folderId) conditions.push(eq(documents.folderId, query.folderId));
	if (query.language) conditions.push(eq(documents.language, query.language));
	if (query.q)
		conditions.push(
			sql`(${documents.searchVector} @@ (plainto_tsquery('german_unaccent', ${query.q}) || plainto_tsquery('simple_unaccent', ${query.q}))
				or unaccent(lower(${documents.title})) like '%' || unaccent(lower(${query.q})) || '%')`
		);
	const rows = await ctx.db
		.select({
			document: documents,
			folder: documentFolders.name,
			versions: sql<number>`(select count(*)::int from ${documentVersions} v where v.document_id = ${documents.id})`,
			latest: sql<
				number | null
			>`(select max(v.id) from ${documentVersions} v where v.document_id = ${documents.id})`
		})
		.from(documents)
		.leftJoin(documentFolders, eq(documentFolders.id, documents.folderId))
		.where(and(...conditions))
		.orderBy(
			...(query.q
				? [
						desc(
							sql`ts_rank(${documents.searchVector}, plainto_tsquery('german_unaccent', ${query.q}) || plainto_tsquery('simple_unaccent', ${query.q}))`
						)
					]
				: []),
			asc(documents.title)
		)
		.limit(200);
	const folders = await ctx.db
		.select()
		.from(documentFolders)
		.orderBy(asc(documentFolders.position), asc(documentFolders.name));
	return { clearance, rows, folders };
}

export async function getDocument(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'documents.read');
	const [document] = await ctx.db.select().from(documents).where(eq(documents.id, id));
	if (!document) throw new NotFound(`document ${id}`);
	const clearance = await libraryClearance(ctx);
	if (!visibleTo(clearance).includes(document.access)) {
		if (ctx.actor.userId === null) throw new Forbidden('documents.read');
		throw new NotFound(`document ${id}`);
	}
	const versions = await ctx.db
		.select({ version: documentVersions, uploader: users.name })
		.from(documentVersions)
		.leftJoin(users, eq(users.id, documentVersions.uploadedBy))
		.where(eq(documentVersions.documentId, id))
		.orderBy(desc(documentVersions.id));
	return { document, versions, canManage: can(ctx.actor, 'documents.manage') };
}

/** A version's file, for someone allowed to see the document (anonymous: Forbidden → sign in). */
export async function downloadVersion(ctx: ServiceContext, storage: FileStorage, versionId: number) {
	requireAccess(ctx.actor, 'documents.read');
	const [version] = await ctx.db.select().from(documentVersions).where(eq(documentVersions.id, versionId));
	if (!version) throw new NotFound(`version ${versionId}`);
	await getDocument(ctx, version.documentId);
	const stored = await storage.get(version.fileKey);
	if (!stored) throw new NotFound(version.fileKey);
	return { bytes: stored.bytes, contentType: version.contentType, fileName: version.fileName };
}

export interface DocumentInput {
	title: string;
	description: string;
	tags: string[];
	language: string;
	access: AccessLevel;
	folderId: number | null;
}

async function storeFile(storage: FileStorage, bytes: Uint8Array, name: string) {
	const type = sniffDocument(bytes);
	const key = `documents/${randomBytes(12).toString('hex')}.${type.extension}`;
	await storage.put(key, bytes, type.contentType);
	return { key, type, fileName: safeFileName(name, type.extension) };
}

export async function createDocument(
	ctx: ServiceContext,
	storage: FileStorage,
	input: DocumentInput,
	file: { bytes: Uint8Array; name: string }
) {
	requireAccess(ctx.actor, 'documents.manage');
	const stored = await storeFile(storage, file.bytes, file.name);
	return ctx.db.transaction(async (tx) => {
		const [document] = await tx.insert(documents).values(input).returning();
		await tx.insert(documentVersions).values({
			documentId: document!.id,
			fileKey: stored.key,
			fileName: stored.fileName,
			contentType: stored.type.contentType,
			size: file.bytes.byteLength,
			uploadedBy: ctx.actor.userId
		});
		await refreshSearch(tx, document!.id);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'document.create',
			subjectType: 'document',
			subjectId: document!.id
		});
		return document!.id;
	});
}

export async function addVersion(
	ctx: ServiceContext,
	storage: FileStorage,
	documentId: number,
	file: { bytes: Uint8Array; name: string },
	note: string
) {
	requireAccess(ctx.actor, 'documents.manage');
	await getDocument(ctx, documentId);
	const stored = await storeFile(storage, file.bytes, file.name);
	await ctx.db.transaction(async (tx) => {
		await tx.insert(documentVersions).values({
			documentId,
			fileKey: stored.key,
			fileName: stored.fileName,
			contentType: stored.type.contentType,
			size: file.bytes.byteLength,
			note,
			uploadedBy: ctx.actor.userId
		});
		await tx.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, documentId));
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'document.version',
			subjectType: 'document',
			subjectId: documentId
		});
	});
}

export async function updateDocument(ctx: ServiceContext, documentId: number, input: DocumentInput) {
	requireAccess(ctx.actor, 'documents.manage');
	await getDocument(ctx, documentId);
	await ctx.db.transaction(async (tx) => {
		await tx
			.update(documents)
			.set({ ...input, updatedAt: new Date() })
			.where(eq(documents.id, documentId));
		await refreshSearch(tx, documentId);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'document.update',
			subjectType: 'document',
			subjectId: documentId
		});
	});
}

export async function deleteDocument(ctx: ServiceContext, storage: FileStorage, documentId: number) {
	requireAccess(ctx.actor, 'documents.manage');
	const { versions } = await getDocument(ctx, documentId);
	await ctx.db.delete(documents).where(eq(documents.id, documentId));
	for (const { version } of versions) await storage.delete(version.fileKey);
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'document.delete',
		subjectType: 'document',
		subjectId: documentId
	});
}

export async function createFolder(ctx: ServiceContext, name: string) {
	requireAccess(ctx.actor, 'documents.manage');
	const [row] = await ctx.db.insert(documentFolders).values({ name }).returning();
	return row!.id;
}
