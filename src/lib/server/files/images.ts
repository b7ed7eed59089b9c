import type { SharpOptions } from 'sharp';
import { Invalid } from '#lib/server/errors.ts';

/** Largest accepted upload (2 MiB). Checked before anything is decoded. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Largest accepted image in pixels (width × height of one frame): bounds decoding memory. */
export const LOGO_MAX_PIXELS = 40_000_000;
/** Smallest accepted width and height. */
export const LOGO_MIN_SIDE = 16;
/** The stored logo fits inside this square; smaller images are not enlarged. */
export const LOGO_MAX_SIDE = 400;

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export interface ProcessedLogo {
	bytes: Buffer;
	width: number;
	height: number;
	contentType: 'image/webp';
}

// Logo uploads are rare: libvips (~20 MB resident) is loaded on the first upload, not at start-up,
// and its operation cache would only hold on to memory between uploads.
let loaded: Promise<typeof import('sharp')> | undefined;
async function loadSharp() {
	loaded ??= import('sharp').then((module) => {
		module.default.cache(false);
		return module;
	});
	return (await loaded).default;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');

/**
 * The image format the bytes themselves announce (their signature), or null. The file name and
 * the Content-Type the browser sent are never trusted.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
	if (startsWith(bytes, JPEG)) return 'jpeg';
	if (startsWith(bytes, PNG)) return 'png';
	if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'gif';
	if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
	return null;
}

const decodeOptions = {
	// Reject truncated or corrupt pixel data ('error' implies 'truncated'), but not mere libjpeg
	// warnings such as extraneous bytes, which many phones and editors produce.
	failOn: 'error',
	limitInputPixels: LOGO_MAX_PIXELS,
	// First frame only: an animated GIF or WebP becomes a still logo.
	pages: 1,
	page: 0
} satisfies SharpOptions;

/**
 * Turns an uploaded logo into a WebP of at most 400 × 400 pixels (aspect ratio kept, transparency
 * kept, EXIF orientation applied) without any metadata: EXIF (GPS, camera, comments), XMP, IPTC
 * and ICC profiles are all dropped, because sharp writes none of them unless asked to with
 * `keepMetadata()`/`withMetadata()` (the pixels are converted to sRGB instead).
 *
 * Only JPEG, PNG, WebP and GIF are accepted, recognised by their content: the signature is checked
 * before the bytes reach sharp at all, so formats libvips could also decode (SVG with its XML
 * parser, TIFF, HEIF, …) never do, and the decoder must then agree on the format.
 *
 * @throws Invalid `errors_image_too_large` (over {@link LOGO_MAX_BYTES}), `errors_image_type`
 * (not one of the four formats, or not decodable), `errors_image_dimensions` (a side under
 * {@link LOGO_MIN_SIDE} pixels or more than {@link LOGO_MAX_PIXELS} pixels).
 */
export async function processLogo(input: Uint8Array): Promise<ProcessedLogo> {
	return processImage(input, LOGO_MAX_SIDE);
}

/** As {@link processLogo}, for pictures (event images): at most `maxSide` pixels on either side. */
export async function processImage(input: Uint8Array, maxSide: number): Promise<ProcessedLogo> {
	if (input.byteLength > LOGO_MAX_BYTES) {
		throw new Invalid('errors_image_too_large', `${input.byteLength} bytes`);
	}
	const format = sniffImageFormat(input);
	if (!format) throw new Invalid('errors_image_type', 'unknown signature');
	const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	const sharp = await loadSharp();

	let width: number;
	let height: number;
	try {
		// Only the header is read here, so the pixel limit is checked below, with its own message.
		const metadata = await sharp(buffer, { ...decodeOptions, limitInputPixels: false }).metadata();
		if (metadata.format !== format) {
			throw new Error(`signature says ${format}, decoder says ${metadata.format}`);
		}
		width = metadata.width;
		height = metadata.pageHeight ?? metadata.height;
	} catch (error) {
		throw new Invalid('errors_image_type', describe(error));
	}
	if (!(width >= LOGO_MIN_SIDE && height >= LOGO_MIN_SIDE) || width * height > LOGO_MAX_PIXELS) {
		throw new Invalid('errors_image_dimensions', `${width} × ${height}`);
	}

	try {
		const { data, info } = await sharp(buffer, decodeOptions)
			.rotate() // no angle: apply the EXIF orientation (same as autoOrient())
			.resize({
				width: maxSide,
				height: maxSide,
				fit: 'inside',
				withoutEnlargement: true
			})
			.webp({ quality: 82, effort: 2 })
			.timeout({ seconds: 10 })
			.toBuffer({ resolveWithObject: true });
		return { bytes: data, width: info.width, height: info.height, contentType: 'image/webp' };
	} catch (error) {
		// Decoding happens only now: truncated or corrupt pixel data surfaces here.
		throw new Invalid('errors_image_type', describe(error));
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export const PICTURE_WIDTHS = [400, 800, 1600] as const;
/** Pictures (media library) may be larger than logos: photos straight from a phone. */
export const PICTURE_MAX_BYTES = 8 * 1024 * 1024;

export interface PictureVariant {
	width: number;
	height: number;
	webp: Buffer;
	jpeg: Buffer;
}

/**
 * Responsive variants of an uploaded picture: each width up to the original's, as WebP and a JPEG
 * fallback, EXIF orientation applied and all metadata dropped. Checked like logos first.
 */
export async function processPicture(
	input: Uint8Array
): Promise<{ width: number; height: number; variants: PictureVariant[] }> {
	if (input.byteLength > PICTURE_MAX_BYTES)
		throw new Invalid('errors_image_too_large', `${input.byteLength} bytes`);
	const format = sniffImageFormat(input);
	if (!format) throw new Invalid('errors_image_type', 'unknown signature');
	const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	const sharp = await loadSharp();
	let width: number;
	let height: number;
	try {
		const metadata = await sharp(buffer, { ...decodeOptions, limitInputPixels: false }).metadata();
		if (metadata.format !== format)
			throw new Error(`signature says ${format}, decoder says ${metadata.format}`);
		const rotated = (metadata.orientation ?? 1) >= 5;
		width = rotated ? (metadata.pageHeight ?? metadata.height) : metadata.width;
		height = rotated ? metadata.width : (metadata.pageHeight ?? metadata.height);
	} catch (error) {
		throw new Invalid('errors_image_type', describe(error));
	}
	if (!(width >= LOGO_MIN_SIDE && height >= LOGO_MIN_SIDE) || width * height > LOGO_MAX_PIXELS) {
		throw new Invalid('errors_image_dimensions', `${width} × ${height}`);
	}
	const widths = [...PICTURE_WIDTHS.filter((w) => w < width), Math.min(width, PICTURE_WIDTHS.at(-1)!)];
	const variants: PictureVariant[] = [];
	try {
		for (const target of [...new Set(widths)]) {
			const base = () =>
				sharp(buffer, decodeOptions)
					.rotate()
					.resize({ width: target, withoutEnlargement: true })
					.timeout({ seconds: 20 });
			const webp = await base().webp({ quality: 80, effort: 2 }).toBuffer({ resolveWithObject: true });
			const jpeg = await base()
				.flatten({ background: '#ffffff' })
				.jpeg({ quality: 80, mozjpeg: true })
				.toBuffer();
			variants.push({ width: webp.info.width, height: webp.info.height, webp: webp.data, jpeg });
		}
	} catch (error) {
		throw new Invalid('errors_image_type', describe(error));
	}
	return { width, height, variants };
}
