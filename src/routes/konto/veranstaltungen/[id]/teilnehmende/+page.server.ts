import { z } from 'zod';
import { messageSchema } from '#lib/schemas/events.ts';
import {
	decideRegistration,
	listParticipants,
	messageParticipants,
	setAttendance
} from '#lib/server/events/registration.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardEventPages } from '#lib/server/events/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params, url }) => {
	guardEventPages(locals);
	const view = await orHttpError(locals.locale, () => listParticipants(locals.ctx, idParam(params.id)));
	return {
		...view,
		print: url.searchParams.get('druck') === '1',
		started: view.event.startsAt <= new Date()
	};
};

const decisionSchema = z.object({
	registration: z.string().regex(/^\d{1,9}$/, 'forms_invalid'),
	decision: z.enum(['approve', 'decline'], 'forms_invalid')
});

export const actions = {
	decide: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, decisionSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await decideRegistration(
				locals.ctx,
				idParam(params.id),
				Number(parsed.data.registration),
				parsed.data.decision === 'approve'
			);
		} catch (e) {
			return failWith(e, form, 'decide');
		}
		return { decided: true };
	},
	attendance: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const ids = form
			.getAll('attended')
			.map(String)
			.filter((v) => /^\d{1,9}$/.test(v))
			.map(Number);
		try {
			await setAttendance(locals.ctx, idParam(params.id), ids);
		} catch (e) {
			return failWith(e, form, 'attendance');
		}
		return { attendanceSaved: true };
	},
	message: async ({ locals, params, request }) => {
		guardEventPages(locals);
		const form = await request.formData();
		const parsed = parseForm(form, messageSchema);
		if (parsed.failure) return parsed.failure;
		try {
			const sent = await messageParticipants(locals.ctx, idParam(params.id), {
				...parsed.data,
				includeWaitlist: form.get('includeWaitlist') === 'on'
			});
			return { messaged: sent };
		} catch (e) {
			return failWith(e, form, 'message');
		}
	}
};
