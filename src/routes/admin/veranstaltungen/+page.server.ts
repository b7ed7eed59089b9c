import { z } from 'zod';
import {
	listOrganisersWithEvents,
	listPendingEvents,
	setOrganiserTrusted
} from '#lib/server/events/events.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'events.publish');
	return {
		pending: await listPendingEvents(locals.ctx),
		organisers: await listOrganisersWithEvents(locals.ctx)
	};
};

const trustSchema = z.object({
	organisation: z.string().regex(/^\d{1,9}$/, 'forms_invalid'),
	trusted: z.enum(['yes', 'no'], 'forms_invalid')
});

export const actions = {
	trust: async ({ locals, request }) => {
		guardPage(locals, 'events.publish');
		const form = await request.formData();
		const parsed = parseForm(form, trustSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await setOrganiserTrusted(locals.ctx, Number(parsed.data.organisation), parsed.data.trusted === 'yes');
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	}
};
