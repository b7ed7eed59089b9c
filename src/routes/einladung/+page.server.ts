import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { acceptInvitation, previewInvitation } from '#lib/server/directory/organisation.service.ts';
import { failWith } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { DomainError } from '#lib/server/errors.ts';

// The invitation link carries the token in the query string; sign-in (or registration) comes back here.
export const load = async ({ locals, url }) => {
	// Sign-in (or registration first) comes back here with the token: guardPage keeps only the path.
	if (!locals.session && !locals.pendingSecondFactor) {
		redirect(
			303,
			`${localizePath('/anmelden', locals.locale)}?next=${encodeURIComponent(`/einladung${url.search}`)}`
		);
	}
	guardPage(locals, 'account.own');
	const token = url.searchParams.get('token') ?? '';
	try {
		return { token, invitation: await previewInvitation(locals.ctx, token), problem: null };
	} catch (error) {
		if (error instanceof DomainError) return { token, invitation: null, problem: error.messageKey };
		throw error;
	}
};

export const actions = {
	default: async ({ locals, request }) => {
		guardPage(locals, 'account.own');
		const form = await request.formData();
		let organisationId: number;
		try {
			({ id: organisationId } = await acceptInvitation(locals.ctx, String(form.get('token') ?? '')));
		} catch (error) {
			return failWith(error, form);
		}
		redirect(303, localizePath(`/konto/organisationen/${organisationId}/team`, locals.locale));
	}
};
