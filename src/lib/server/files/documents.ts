import { Invalid } from '#lib/server/errors.ts';
import { sniffImageFormat } from './images.ts';

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface DocumentType {
	contentType: string;
	extension: string;
}

const OFFICE: Record<string, DocumentType> = {
	'word/': {
		contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		extension: 'docx'
	},
	'xl/': {
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		extension: 'xlsx'
	},
	'ppt/': {
		contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		extension: 'pptx'
	}
};

const OPEN_DOCUMENT: Record<string, DocumentType> = {
	'application/vnd.oasis.opendocument.text': {
		contentType: 'application/vnd.oasis.opendocument.text',
		extension: 'odt'
	},
	'application/vnd.oasis.opendocument.spreadsheet': {
		contentType: 'application/vnd.oasis.opendocument.spreadsheet',
		extension: 'ods'
	},
	'application/vnd.oasis.opendocument.presentation': {
		contentType: 'application/vnd.oasis.opendocument.presentation',
		extension: 'odp'
	}
};

const starts = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/**
 * What a document file is, judged by its bytes only (never by name or the browser's type): PDF,
 * Office Open XML and OpenDocument (ZIP with their marker entries), legacy Office (OLE compound
 * file), JPEG/PNG/WebP/GIF. Anything else — HTML, SVG, scripts, executables — is refused.
 */
export function sniffDocument(bytes: Uint8Array): DocumentType {
	if (bytes.byteLength === 0) throw new Invalid('documents_file_missing', 'empty', 'file');
	if (bytes.byteLength > DOCUMENT_MAX_BYTES)
		throw new Invalid('documents_file_too_large', `${bytes.byteLength}`, 'file');
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
	if (/^%PDF-[12]\.\d/.test(head)) return { contentType: 'application/pdf', extension: 'pdf' };
	const image = sniffImageFormat(bytes);
	if (image) return { contentType: `image/${image}`, extension: image === 'jpeg' ? 'jpg' : image };
	if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
		return { contentType: 'application/vnd.ms-office', extension: 'doc' };
	if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		// ZIP: the local file headers name the entries; the first one of an OpenDocument is `mimetype`.
		const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.byteLength, 65536)));
		// The first entry's name starts at offset 30 of the local header; its content follows right after.
		const mimetype = /^mimetype(application\/vnd\.oasis\.opendocument\.[a-z]+)/.exec(text.slice(30));
		if (mimetype && OPEN_DOCUMENT[mimetype[1]!]) return OPEN_DOCUMENT[mimetype[1]!]!;
		if (text.includes('[Content_Types].xml')) {
			for (const [folder, type] of Object.entries(OFFICE)) if (text.includes(folder)) return type;
		}
	}
	throw new Invalid('documents_file_type', 'unknown type', 'file');
}

/** A file name safe for Content-Disposition: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string, extension: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/\.[a-z0-9]{1,5}$/i, '')
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
	return `${base || 'dokument'}.${extension}`;
}
