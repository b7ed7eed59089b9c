import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Invalid } from '#lib/server/errors.ts';
import { LOGO_MAX_BYTES, processLogo, sniffImageFormat } from './images.ts';

function canvas(width: number, height: number, background = '#c0392b', channels: 3 | 4 = 3) {
	return sharp({ create: { width, height, channels, background } });
}

/** Noise compresses badly, so truncating it really cuts into the pixel data. */
function noise(width: number, height: number) {
	return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
}

/** Inserts a JPEG comment (COM) segment right after the start-of-image marker. */
function withJpegComment(jpeg: Buffer, comment: string): Buffer {
	const text = Buffer.from(comment, 'latin1');
	const segment = Buffer.alloc(4);
	segment.writeUInt16BE(0xfffe, 0);
	segment.writeUInt16BE(text.length + 2, 2);
	return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)]);
}

async function rejection(input: Uint8Array): Promise<Invalid> {
	const error: unknown = await processLogo(input).then(
		() => new Error('processLogo accepted the input'),
		(reason: unknown) => reason
	);
	if (!(error instanceof Invalid)) throw error;
	return error;
}

async function firstPixel(image: Buffer): Promise<number[]> {
	const { data } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
	return [...data.subarray(0, 3)];
}

describe(processLogo.name, () => {
	it('applies the EXIF orientation and strips EXIF, GPS, comments, XMP and ICC', async () => {
		const xmp =
			'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
			'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Private Person"/></rdf:RDF></x:xmpmeta>';
		const jpeg = withJpegComment(
			await canvas(200, 100)
				.withExif({
					IFD0: { Copyright: 'Secret Corp', ImageDescription: 'Home office' },
					IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 3/1 0/1' }
				})
				.withMetadata({ orientation: 6 })
				.withXmp(xmp)
				.withIccProfile('p3')
				.jpeg()
				.toBuffer(),
			'Taken at Musterstrasse 1'
		);
		const input = await sharp(jpeg).metadata();
		expect(input).toMatchObject({ format: 'jpeg', orientation: 6, width: 200, height: 100 });
		expect(input.exif?.includes('Secret Corp')).toBe(true);
		expect(input.icc).toBeDefined();
		expect(input.xmp).toBeDefined();
		expect(jpeg.includes('Musterstrasse')).toBe(true);

		const logo = await processLogo(new Uint8Array(jpeg));

		expect(logo).toMatchObject({ contentType: 'image/webp', width: 100, height: 200 });
		expect(sniffImageFormat(logo.bytes)).toBe('webp');
		const output = await sharp(logo.bytes).metadata();
		expect(output).toMatchObject({ format: 'webp', width: 100, height: 200, hasProfile: false });
		expect(output.exif).toBeUndefined();
		expect(output.icc).toBeUndefined();
		expect(output.xmp).toBeUndefined();
		expect(output.iptc).toBeUndefined();
		expect(output.orientation).toBeUndefined();
		for (const secret of [
			'Secret Corp',
			'Home office',
			'Musterstrasse',
			'Private Person',
			'EXIF',
			'XMP ',
			'ICCP'
		]) {
			expect(logo.bytes.includes(secret)).toBe(false);
		}
	});

	it('shrinks a large PNG to fit inside 400 × 400 and keeps its transparency', async () => {
		const png = await canvas(3000, 1000, 'rgba(0, 80, 160, 0.5)', 4).png().toBuffer();
		const logo = await processLogo(png);
		expect(logo).toMatchObject({ width: 400, height: 133, contentType: 'image/webp' });
		expect(await sharp(logo.bytes).metadata()).toMatchObject({
			format: 'webp',
			width: 400,
			height: 133,
			hasAlpha: true
		});
	});

	it('does not enlarge small images', async () => {
		const logo = await processLogo(await canvas(120, 40).png().toBuffer());
		expect(logo).toMatchObject({ width: 120, height: 40 });
	});

	it('accepts WebP and GIF', async () => {
		const webp = await processLogo(await canvas(500, 500).webp().toBuffer());
		expect(webp).toMatchObject({ width: 400, height: 400, contentType: 'image/webp' });
		const gif = await processLogo(await canvas(64, 48).gif().toBuffer());
		expect(gif).toMatchObject({ width: 64, height: 48, contentType: 'image/webp' });
	});

	it('keeps only the first frame of an animated GIF', async () => {
		const frames = await Promise.all(
			['#ff0000', '#0000ff', '#00ff00'].map((colour) => canvas(64, 32, colour).png().toBuffer())
		);
		const gif = await sharp(frames, { join: { animated: true } })
			.gif()
			.toBuffer();
		expect(await sharp(gif).metadata()).toMatchObject({ format: 'gif', pages: 3 });

		const logo = await processLogo(gif);

		expect(logo).toMatchObject({ width: 64, height: 32 });
		const output = await sharp(logo.bytes).metadata();
		expect(output.pages ?? 1).toBe(1);
		expect(output.height).toBe(32);
		const [red, green, blue] = await firstPixel(logo.bytes);
		expect(red).toBeGreaterThan(200);
		expect(green).toBeLessThan(50);
		expect(blue).toBeLessThan(50);
	});

	it('rejects everything that is not a JPEG, PNG, WebP or GIF by its content', async () => {
		const svg = Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script>' +
				'<rect width="100" height="100" fill="red"/></svg>'
		);
		const png = await noise(64, 64).png().toBuffer();
		const samples: Record<string, Uint8Array> = {
			// The bytes are all that counts: an SVG sent as "logo.png" with Content-Type image/png is an SVG.
			svg,
			'svg with XML declaration': Buffer.concat([Buffer.from('<?xml version="1.0"?>\n'), svg]),
			html: Buffer.from('<!doctype html><html><body><img src=x onerror=alert(1)></body></html>'),
			pdf: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
			text: Buffer.from('Integrationsnetzwerk Sachsen e. V.\n'),
			empty: new Uint8Array(0),
			'random bytes': Buffer.concat([Buffer.from([0]), randomBytes(4096)]),
			'PNG signature followed by garbage': Buffer.concat([png.subarray(0, 8), randomBytes(2048)]),
			'truncated PNG': png.subarray(0, Math.floor(png.length / 2)),
			'truncated JPEG': (await noise(64, 64).jpeg().toBuffer()).subarray(0, 600),
			'WebP signature without a WebP': Buffer.concat([
				Buffer.from('RIFF\x00\x10\x00\x00WEBPVP8 '),
				randomBytes(512)
			]),
			TIFF: await canvas(64, 64).tiff().toBuffer(),
			AVIF: await canvas(64, 64).avif().toBuffer()
		};
		for (const [name, bytes] of Object.entries(samples)) {
			const error = await rejection(bytes);
			expect(error.messageKey, name).toBe('errors_image_type');
			expect(error.status, name).toBe(400);
		}
	});

	it('rejects files over 2 MB before looking at them', async () => {
		const large = new Uint8Array(LOGO_MAX_BYTES + 1);
		large.set([0xff, 0xd8, 0xff]);
		expect((await rejection(large)).messageKey).toBe('errors_image_too_large');
		// At the limit, size is not the problem (but these zeros are no image).
		expect((await rejection(new Uint8Array(LOGO_MAX_BYTES))).messageKey).toBe('errors_image_type');
	});

	it('rejects images that are too small or have too many pixels', async () => {
		expect((await rejection(await canvas(8, 8).png().toBuffer())).messageKey).toBe('errors_image_dimensions');
		expect((await rejection(await canvas(400, 10).png().toBuffer())).messageKey).toBe(
			'errors_image_dimensions'
		);
		// 48 megapixels of one colour compress to ~150 kB: a decompression bomb.
		const bomb = await canvas(8000, 6000, '#ffffff').png().toBuffer();
		expect(bomb.length).toBeLessThan(LOGO_MAX_BYTES);
		expect((await rejection(bomb)).messageKey).toBe('errors_image_dimensions');
		expect(await processLogo(await canvas(16, 16).png().toBuffer())).toMatchObject({ width: 16, height: 16 });
	});
});

describe(sniffImageFormat.name, () => {
	it('recognises the four formats by their signature only', () => {
		expect(sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
		expect(sniffImageFormat(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe('png');
		expect(sniffImageFormat(Buffer.from('GIF89a'))).toBe('gif');
		expect(sniffImageFormat(Buffer.from('GIF87a'))).toBe('gif');
		expect(sniffImageFormat(Buffer.from('RIFF\x00\x00\x00\x00WEBP'))).toBe('webp');
		expect(sniffImageFormat(Buffer.from('RIFF\x00\x00\x00\x00WAVE'))).toBeNull();
		expect(sniffImageFormat(Buffer.from('\x89PNG', 'latin1'))).toBeNull();
		expect(sniffImageFormat(Buffer.from('<svg'))).toBeNull();
	});
});
