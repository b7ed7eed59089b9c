import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { cancelEventSchema, eventSchema, imageSchema } from '#lib/schemas/events.ts';
import { text } from '#lib/schemas/fields.ts';
import { appStorage } from '#lib/server/app.ts';
import {
	cancelEvent,
	deleteDraft,
	getEventForEdit,
	publishEvent,
	removeEventImage,
	returnEvent,
	setEventImage,
	submitEvent,
	updateEvent
} from '#lib/server/events/events.service.ts';
import { eventFormValues } from '#lib/server/events/form-values.ts';
import { Invalid } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardEventPages } from '#lib/server/events/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { z } from 'zod';

const MAX_UPLOAD = 5 * 1024 * 1024;

export const load = async ({ locals, params, url }) => {
	guardEventPages(locals);
	const view = await orHttpError(locals.locale, () => getEventForEdit(locals.ctx, idParam(params.id)));
	return {
		...view,
		form: eventFormValues(view.event),
		imageUrl: view.event.imageKey ? `/veranstaltungen/bild/${view.event.imageKey.split('/')[1]}` : null,
		created: url.searchParams.has('neu')
	};
};

/** Runs a service call and answers with `{ [flag]: true }`, or the error on the form. */
async function attempt<K extends string>(
	form: FormData,
	flag: K,
	call: () => Promise<unknown>,
	field = 'form'
) {
	try {
		await call();
		return { [flag]: true } as Record<K, true>;
	} catch (e) {
		return failWith(e, form, field);
	}
}

export const actions = {
	save: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, eventSchema);
		if (parsed.failure) return parsed.failure;
		return attempt(form, 'saved', () =>
			updateEvent(locals.ctx, idParam(params.id), parsed.data, { minor: form.get('minor') === 'on' })
		);
	},
	image: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, imageSchema);
		if (parsed.failure) return parsed.failure;
		const file = form.get('image');
		const upload = file instanceof File && file.size > 0 ? file : null;
		if (upload && upload.size > MAX_UPLOAD)
			return failWith(new Invalid('errors_image_too_large', 'size', 'image'), form);
		return attempt(
			form,
			'imageSaved',
			async () =>
				setEventImage(
					locals.ctx,
					appStorage(),
					idParam(params.id),
					upload ? new Uint8Array(await upload.arrayBuffer()) : null,
					parsed.data.imageAlt
				),
			'image'
		);
	},
	removeImage: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		return attempt(
			form,
			'imageRemoved',
			() => removeEventImage(locals.ctx, appStorage(), idParam(params.id)),
			'image'
		);
	},
	submit: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		try {
			return { submitted: await submitEvent(locals.ctx, idParam(params.id)) };
		} catch (e) {
			return failWith(e, form, 'status');
		}
	},
	publish: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		return attempt(form, 'published', () => publishEvent(locals.ctx, idParam(params.id)), 'status');
	},
	return: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, z.object({ note: text(1000) }));
		if (parsed.failure) return parsed.failure;
		return attempt(
			form,
			'returned',
			() => returnEvent(locals.ctx, idParam(params.id), parsed.data.note),
			'status'
		);
	},
	cancel: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, cancelEventSchema);
		if (parsed.failure) return parsed.failure;
		if (form.get('confirm') !== 'on')
			return failWith(new Invalid('events_cancel_confirm_required', 'confirm', 'cancel'), form);
		return attempt(
			form,
			'cancelled',
			() => cancelEvent(locals.ctx, idParam(params.id), parsed.data.reason),
			'cancel'
		);
	},
	delete: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		try {
			await deleteDraft(locals.ctx, appStorage(), idParam(params.id));
		} catch (e) {
			return failWith(e, form, 'delete');
		}
		redirect(303, localizePath('/konto/veranstaltungen', locals.locale));
	}
};
