import { Invalid } from '#lib/server/errors.ts';

export const PDF_MAX_BYTES = 2.5 * 1024 * 1024;

/**
 * A PDF, judged by its bytes: the `%PDF-1.x` header at the start and an end-of-file marker near
 * the end (as every complete PDF has). The name and the browser's content type are not trusted.
 */
export function checkPdf(bytes: Uint8Array): void {
	if (bytes.byteLength > PDF_MAX_BYTES)
		throw new Invalid('errors_pdf_too_large', `${bytes.byteLength} bytes`, 'statutes');
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
	const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.byteLength - 1024)));
	if (!/^%PDF-[12]\.\d/.test(head) || !tail.includes('%%EOF'))
		throw new Invalid('errors_pdf_type', 'not a PDF', 'statutes');
}
