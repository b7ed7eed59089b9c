import { changePasswordSchema, emailOnlySchema, profileSchema } from '#lib/schemas/auth.ts';
import { changePassword, requestEmailChange, updateProfile } from '#lib/server/accounts/profile.service.ts';
import { kickJobs } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { clientIp } from '#lib/server/http/request.ts';

export const load = ({ locals }) => {
	const session = guardPage(locals, 'account.own');
	return {
		account: {
			name: session.user.name,
			email: session.user.email,
			locale: session.user.locale,
			twoFactorEnabled: session.user.twoFactorEnabled,
			roles: session.roles
		}
	};
};

export const actions = {
	profile: async (event) => {
		guardPage(event.locals, 'account.own');
		const form = await event.request.formData();
		const parsed = parseForm(form, profileSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateProfile(event.locals.ctx, parsed.data);
		} catch (error) {
			return failWith(error, form);
		}
		return { profileSaved: true };
	},
	email: async (event) => {
		guardPage(event.locals, 'account.own');
		const form = await event.request.formData();
		const parsed = parseForm(form, emailOnlySchema);
		if (parsed.failure) return parsed.failure;
		try {
			await requestEmailChange(event.locals.ctx, parsed.data.email, event.url.origin, clientIp(event));
		} catch (error) {
			return failWith(error, form, 'email');
		}
		kickJobs();
		return { emailRequested: parsed.data.email };
	},
	password: async (event) => {
		const session = guardPage(event.locals, 'account.own');
		const form = await event.request.formData();
		const parsed = parseForm(form, changePasswordSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await changePassword(event.locals.ctx, session.id, parsed.data, clientIp(event));
		} catch (error) {
			const wrongCurrent =
				error instanceof DomainError && error.messageKey === 'account_current_password_wrong';
			return failWith(error, form, wrongCurrent ? 'current' : 'next');
		}
		return { passwordChanged: true };
	}
};
