import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import {
	documentFolders,
	documents,
	documentVersions,
	type AccessLevel
} from '#lib/server/db/schema/index.ts';
import { renderPdf } from '#lib/server/events/pdf.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { refreshSearch } from '#lib/server/library/library.service.ts';

interface DemoDocument {
	file: string;
	folder: string;
	title: string;
	description: string;
	tags: string[];
	access: AccessLevel;
}

/** A plain text with `#`/`##` headings as a PDF. */
function textToPdf(title: string, text: string): Buffer {
	const lines = text.split('\n').filter((line) => line.trim());
	return renderPdf(
		title,
		lines.map((line) =>
			line.startsWith('## ')
				? { text: line.slice(3), size: 13, bold: true, gap: 10 }
				: line.startsWith('# ')
					? { text: line.slice(2), size: 18, bold: true }
					: { text: line, size: 11, gap: 2 }
		)
	);
}

/**
 * Demo mode (DEMO=1) only: a few real-looking German documents in the library (model statutes, a
 * guide to founding a migrant council, a checklist for members), made into PDFs from
 * `content/demo/documents`. Every text says it is an example. Nothing happens when the library
 * holds anything.
 */
export async function seedDemoDocuments(db: Db, storage: FileStorage, contentDir: string): Promise<number> {
	const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(documents);
	if ((count?.n ?? 0) > 0) return 0;
	const entries = JSON.parse(
		await readFile(path.join(contentDir, 'demo', 'documents.json'), 'utf8')
	) as DemoDocument[];
	const folders = new Map<string, number>();
	for (const entry of entries) {
		if (!folders.has(entry.folder)) {
			const [folder] = await db
				.insert(documentFolders)
				.values({ name: entry.folder, position: folders.size })
				.returning();
			folders.set(entry.folder, folder!.id);
		}
		const text = await readFile(path.join(contentDir, 'demo', 'documents', entry.file), 'utf8');
		const pdf = textToPdf(entry.title, text);
		const key = `documents/demo-${entry.file.replace(/\.txt$/, '')}.pdf`;
		await storage.put(key, pdf, 'application/pdf');
		const [document] = await db
			.insert(documents)
			.values({
				folderId: folders.get(entry.folder)!,
				title: entry.title,
				description: entry.description,
				tags: entry.tags,
				language: 'de',
				access: entry.access
			})
			.returning();
		await db.insert(documentVersions).values({
			documentId: document!.id,
			fileKey: key,
			fileName: entry.file.replace(/\.txt$/, '.pdf'),
			contentType: 'application/pdf',
			size: pdf.byteLength
		});
		await refreshSearch(db, document!.id);
	}
	return entries.length;
}
