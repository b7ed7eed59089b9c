/**
 * A stored file as a download, never shown inline whatever it claims to be: `attachment`,
 * `nosniff` and a sandboxing CSP, not kept in shared caches (library documents, circular
 * attachments).
 */
export function downloadResponse(file: { bytes: Uint8Array; contentType: string; fileName: string }) {
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
}
