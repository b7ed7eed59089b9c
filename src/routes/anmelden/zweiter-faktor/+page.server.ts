import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { codeSchema } from '#lib/schemas/auth.ts';
import { verifySecondFactor } from '#lib/server/auth/two-factor.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp, safeReturnPath } from '#lib/server/http/request.ts';

export const load = ({ locals, url }) => {
	if (!locals.pendingSecondFactor) {
		redirect(
			303,
			locals.session
				? safeReturnPath(url.searchParams.get('next'), locals.locale)
				: localizePath('/anmelden', locals.locale)
		);
	}
	return { next: url.searchParams.get('next') ?? '' };
};

export const actions = {
	default: async (event) => {
		const pending = event.locals.pendingSecondFactor;
		if (!pending) redirect(303, localizePath('/anmelden', event.locals.locale));
		const form = await event.request.formData();
		const parsed = parseForm(form, codeSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await verifySecondFactor(
				event.locals.ctx.db,
				{ id: pending.id, userId: pending.user.id },
				parsed.data.code,
				clientIp(event)
			);
		} catch (error) {
			return failWith(error, form, 'code');
		}
		redirect(303, safeReturnPath(String(form.get('next') ?? ''), event.locals.locale));
	}
};
