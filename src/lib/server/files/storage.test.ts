import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidKey, createFileSystemStorage, type FileStorage } from './storage.ts';

let root: string;
let storage: FileStorage;

beforeEach(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'miteinander-storage-'));
	storage = createFileSystemStorage(path.join(root, 'uploads'));
});

afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
		.sort();
}

describe(createFileSystemStorage.name, () => {
	it('stores, reads, replaces and deletes a file with its content type', async () => {
		const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);
		await storage.put('logos/org-1.webp', bytes, 'image/webp');

		const stored = await storage.get('logos/org-1.webp');
		expect(stored?.contentType).toBe('image/webp');
		expect(stored?.bytes).toBeInstanceOf(Buffer);
		expect([...(stored?.bytes ?? [])]).toEqual([...bytes]);
		expect(await listFiles(path.join(root, 'uploads'))).toEqual([
			path.join('logos', 'org-1.webp'),
			path.join('logos', 'org-1.webp.meta.json')
		]);

		await storage.put('logos/org-1.webp', Buffer.from('neu'), 'text/plain; charset=utf-8');
		const replaced = await storage.get('logos/org-1.webp');
		expect(replaced?.bytes.toString()).toBe('neu');
		expect(replaced?.contentType).toBe('text/plain; charset=utf-8');

		await storage.delete('logos/org-1.webp');
		expect(await storage.get('logos/org-1.webp')).toBeNull();
		expect(await listFiles(path.join(root, 'uploads'))).toEqual([]);
	});

	it('answers null for a missing key and ignores deleting one', async () => {
		expect(await storage.get('logos/nothing.webp')).toBeNull();
		await storage.delete('logos/nothing.webp');
		await storage.put('a/b', Buffer.from('x'), 'application/octet-stream');
		// "a" is a directory now, not a stored file.
		expect(await storage.get('a')).toBeNull();
		expect(await storage.get('a/b/c')).toBeNull();
		await storage.delete('a');
	});

	it('creates nested directories and leaves no temporary files behind', async () => {
		await storage.put('x/y/z/file-1_a.png', new Uint8Array([1]), 'image/png');
		await storage.put('plain', new Uint8Array([2]), 'application/octet-stream');
		expect((await stat(path.join(root, 'uploads', 'x', 'y', 'z'))).isDirectory()).toBe(true);
		expect(await listFiles(path.join(root, 'uploads'))).toEqual([
			'plain',
			'plain.meta.json',
			path.join('x', 'y', 'z', 'file-1_a.png'),
			path.join('x', 'y', 'z', 'file-1_a.png.meta.json')
		]);
	});

	it('rejects keys that could leave the storage folder or are malformed', async () => {
		const invalid = [
			'',
			'../x',
			'/etc/passwd',
			'a/../../b',
			'a/..',
			'..',
			'.',
			'./a',
			'a//b',
			'a/',
			'a/.hidden',
			'A.png',
			'a\\b',
			'a b',
			'a.b.c',
			'a.webp.meta.json',
			'ä.png',
			'a\0b',
			'x'.repeat(201)
		];
		for (const key of invalid) {
			expect(() => assertValidKey(key), key).toThrow(/Invalid storage key/);
			await expect(storage.put(key, new Uint8Array([1]), 'image/png'), key).rejects.toThrow(
				/Invalid storage key/
			);
			await expect(storage.get(key), key).rejects.toThrow(/Invalid storage key/);
			await expect(storage.delete(key), key).rejects.toThrow(/Invalid storage key/);
		}
		expect(await listFiles(root)).toEqual([]);
	});

	it('accepts ordinary keys', () => {
		for (const key of ['logo.webp', 'logos/org-42-3f9a.webp', 'a', '0/1/2', 'a_b-c/d.e2']) {
			expect(() => assertValidKey(key), key).not.toThrow();
		}
	});

	it('rejects content types that are not a plain media type', async () => {
		for (const contentType of ['', 'image', 'image/png\r\nSet-Cookie: a=b', 'image/ png', '/png']) {
			await expect(storage.put('logo.png', new Uint8Array([1]), contentType), contentType).rejects.toThrow(
				/Invalid content type/
			);
		}
		expect(await storage.get('logo.png')).toBeNull();
	});
});
