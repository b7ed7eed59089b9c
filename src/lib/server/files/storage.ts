import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files (logos, later attachments) are kept. Callers only ever see keys such as
 * `logos/organisation-42-3f9a.webp`, never paths, so the backend can change: today the local file
 * system (`createFileSystemStorage`); an S3-compatible object store (MinIO, Hetzner, Garage …) can
 * be added later as another implementation of this interface — `put` as PutObject with the
 * Content-Type header, `get` as GetObject (NoSuchKey → null), `delete` as DeleteObject — without
 * touching the callers. Keep the interface that small for that reason (no listing, no paths, no
 * streams for now: logos are at most a few hundred kilobytes).
 *
 * Keys should be treated as immutable: store new content under a new key (e.g. with a random or
 * content-hash suffix) and delete the old one, which also makes the files cacheable forever.
 */
export interface FileStorage {
	/** Stores `bytes` under `key`, replacing what was there. Throws on an invalid key or content type. */
	put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
	/** The stored bytes and content type, or null when nothing is stored under `key`. */
	get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>;
	/** Removes `key`; removing a key that does not exist is not an error. */
	delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/;
const SEGMENT_PATTERN = /^[a-z0-9]/;
const KEY_MAX_LENGTH = 200;
/** type/subtype, optionally with parameters; no control characters, so it is safe as a header. */
const CONTENT_TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*( *;[ -~]*)?$/i;
const CONTENT_TYPE_MAX_LENGTH = 200;
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/**
 * Throws unless `key` is a storage key: lower-case letters, digits, `_`, `-` and `/` between
 * non-empty segments that each start with a letter or digit, and at most one extension
 * (`logos/abc-1.webp`). So no `..`, no leading or trailing slash, no empty segment, no hidden file.
 */
export function assertValidKey(key: string): void {
	if (
		typeof key !== 'string' ||
		key.length === 0 ||
		key.length > KEY_MAX_LENGTH ||
		!KEY_PATTERN.test(key) ||
		key.includes('..') ||
		key.split('/').some((segment) => !SEGMENT_PATTERN.test(segment))
	) {
		throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
	}
}

function assertValidContentType(contentType: string): void {
	if (
		typeof contentType !== 'string' ||
		contentType.length > CONTENT_TYPE_MAX_LENGTH ||
		!CONTENT_TYPE_PATTERN.test(contentType)
	) {
		throw new Error(`Invalid content type: ${JSON.stringify(contentType)}`);
	}
}

function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

async function removeIfPresent(file: string): Promise<void> {
	try {
		await unlink(file);
	} catch (error) {
		if (!isMissing(error)) throw error;
	}
}

/** Writes to a temporary file in the same directory, flushes it and renames it into place. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
	// Two dots: a name no valid key can have, so a left-over temp file never shadows a key.
	const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		const handle = await open(temp, 'wx', 0o644);
		try {
			await handle.writeFile(bytes);
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temp, file);
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
}

/**
 * Files under `rootDir`, one file per key at `rootDir/<key>`.
 *
 * The content type is kept in a sidecar `rootDir/<key>.meta.json` (`{"contentType": "…"}`) rather
 * than derived from the extension, so the storage stores exactly what the caller said, like an
 * object store does. No valid key can end in `.meta.json` (keys have at most one dot), so a sidecar
 * never collides with a key. Both files are written atomically (temp file + rename), the sidecar
 * first, so a reader never sees a half-written file; a reader racing a `put` that *changes* the
 * content type of an existing key could briefly pair the old bytes with the new type — one more
 * reason to treat keys as immutable. A missing sidecar reads as `application/octet-stream`.
 */
export function createFileSystemStorage(rootDir: string): FileStorage {
	const root = path.resolve(rootDir);

	function locate(key: string): { file: string; meta: string } {
		assertValidKey(key);
		const file = path.resolve(root, key);
		// Defence in depth: the key rules already exclude anything that could leave the root.
		if (!file.startsWith(root + path.sep)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
		return { file, meta: `${file}.meta.json` };
	}

	return {
		async put(key, bytes, contentType) {
			const { file, meta } = locate(key);
			assertValidContentType(contentType);
			await mkdir(path.dirname(file), { recursive: true });
			await writeAtomically(meta, Buffer.from(JSON.stringify({ contentType })));
			await writeAtomically(file, bytes);
		},

		async get(key) {
			const { file, meta } = locate(key);
			let bytes: Buffer;
			try {
				bytes = await readFile(file);
			} catch (error) {
				if (isMissing(error)) return null;
				throw error;
			}
			let contentType = FALLBACK_CONTENT_TYPE;
			try {
				const parsed: unknown = JSON.parse(await readFile(meta, 'utf8'));
				const stored = (parsed as { contentType?: unknown } | null)?.contentType;
				if (typeof stored === 'string' && CONTENT_TYPE_PATTERN.test(stored)) contentType = stored;
			} catch (error) {
				if (!isMissing(error) && !(error instanceof SyntaxError)) throw error;
			}
			return { bytes, contentType };
		},

		async delete(key) {
			const { file, meta } = locate(key);
			// The file first: once it is gone, get() answers null whatever happens to the sidecar.
			await removeIfPresent(file);
			await removeIfPresent(meta);
		}
	};
}
