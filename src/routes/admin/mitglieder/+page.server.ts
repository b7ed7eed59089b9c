import { MEMBERSHIP_FORMS, MEMBERSHIP_STATUSES } from '#lib/server/db/schema/index.ts';
import { DISTRICT_KEYS } from '#lib/directory/directory.ts';
import { membershipSettingsSchema, nominationSchema } from '#lib/schemas/membership.ts';
import {
	getMembershipSettings,
	listRegister,
	nominateHonorary,
	updateMembershipSettings
} from '#lib/server/membership/register.service.ts';
import { countOpenApplications } from '#lib/server/membership/review.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { pageNumber } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

const oneOf = (list: readonly string[], value: string | null) =>
	value && list.includes(value) ? value : undefined;

export const load = async ({ locals, url }) => {
	guardPage(locals, 'membership.register');
	const filters = {
		form: oneOf(MEMBERSHIP_FORMS, url.searchParams.get('form')),
		status: oneOf(MEMBERSHIP_STATUSES, url.searchParams.get('status')),
		search: (url.searchParams.get('suche') ?? '').trim().slice(0, 100) || undefined,
		district: oneOf(DISTRICT_KEYS, url.searchParams.get('kreis')),
		dues: oneOf(['open', 'overdue', 'paid', 'none'], url.searchParams.get('beitrag')) as
			'open' | 'overdue' | 'paid' | 'none' | undefined,
		sort: oneOf(['number', 'name', 'since'], url.searchParams.get('sortierung')) as
			'number' | 'name' | 'since' | undefined
	};
	const page = pageNumber(url);
	const [register, openApplications, settings] = await orHttpError(locals.locale, () =>
		Promise.all([
			listRegister(locals.ctx, filters, page),
			countOpenApplications(locals.ctx),
			getMembershipSettings(locals.ctx)
		])
	);
	return { filters, page, register, openApplications, settings };
};

export const actions = {
	settings: async ({ locals, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, membershipSettingsSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateMembershipSettings(locals.ctx, parsed.data);
		} catch (error) {
			return failWith(error, form);
		}
		return { settingsSaved: true };
	},
	nominate: async ({ locals, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, nominationSchema);
		if (parsed.failure) return parsed.failure;
		try {
			const membership = await nominateHonorary(locals.ctx, parsed.data);
			return { nominated: membership.number };
		} catch (error) {
			return failWith(error, form);
		}
	}
};
