import { z } from 'zod';
import { LOCALES } from '#lib/i18n/locales.ts';
import { mediaSchema } from '#lib/schemas/content.ts';
import { appStorage } from '#lib/server/app.ts';
import {
	deleteMedia,
	listMedia,
	pictureSources,
	saveMediaAlt,
	uploadMedia
} from '#lib/server/content/media.service.ts';
import { Invalid } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'content.edit');
	return {
		items: (await listMedia(locals.ctx)).map((row) => ({ ...row, sources: pictureSources(row) }))
	};
};

const idField = z.object({ id: z.string().regex(/^\d{1,9}$/, 'forms_invalid') });

export const actions = {
	upload: async ({ locals, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, mediaSchema);
		if (parsed.failure) return parsed.failure;
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return failWith(new Invalid('events_image_missing', 'file', 'file'), form);
		try {
			await uploadMedia(locals.ctx, appStorage(), new Uint8Array(await file.arrayBuffer()), {
				name: parsed.data.name || file.name.slice(0, 120),
				alt: parsed.data.alt
			});
		} catch (e) {
			return failWith(e, form, 'file');
		}
		return { uploaded: true };
	},
	alt: async ({ locals, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, idField);
		if (parsed.failure) return parsed.failure;
		const texts = Object.fromEntries(
			LOCALES.map((l) => [
				l,
				String(form.get(`alt_${l}`) ?? '')
					.trim()
					.slice(0, 300)
			])
		);
		if (!texts.de) return failWith(new Invalid('content_media_alt_missing', 'de', 'alt_de'), form, 'alt');
		try {
			await saveMediaAlt(locals.ctx, Number(parsed.data.id), texts);
		} catch (e) {
			return failWith(e, form, 'alt');
		}
		return { altSaved: Number(parsed.data.id) };
	},
	delete: async ({ locals, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, idField);
		if (parsed.failure) return parsed.failure;
		try {
			await deleteMedia(locals.ctx, appStorage(), Number(parsed.data.id));
		} catch (e) {
			return failWith(e, form);
		}
		return { deleted: true };
	}
};
