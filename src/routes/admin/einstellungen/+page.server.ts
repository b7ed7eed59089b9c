import { orHttpError } from '#lib/server/http/service-errors.ts';
import { settingsSchema } from '#lib/schemas/settings.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { getAllSettings, updateAssociationSettings } from '#lib/server/settings/settings.service.ts';

export const load = async ({ locals }) => {
	const s = await orHttpError(locals.locale, () => getAllSettings(locals.ctx));
	return {
		settings: {
			...s,
			representatives: s.representatives.map((r) => (r.role ? `${r.name} – ${r.role}` : r.name)).join('\n')
		}
	};
};

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, settingsSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateAssociationSettings(event.locals.ctx, parsed.data, clientIp(event));
		} catch (error) {
			return failWith(error, form);
		}
		return { saved: true };
	}
};
