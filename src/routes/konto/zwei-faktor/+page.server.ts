import { codeSchema } from '#lib/schemas/auth.ts';
import { beginTotpSetup, confirmTotpSetup, twoFactorEnabled } from '#lib/server/auth/two-factor.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { clientIp } from '#lib/server/http/request.ts';

export const load = async ({ locals, url }) => {
	const session = guardPage(locals, 'account.own');
	const required = url.searchParams.has('required');
	// Read fresh: right after the confirming post, the session loaded at the start of the request is stale.
	if (await twoFactorEnabled(locals.ctx.db, session.user.id)) return { enabled: true as const, required };
	const setup = await beginTotpSetup(locals.ctx, session.user.email);
	return { enabled: false as const, required, secret: setup.secret, qrSvg: setup.qrSvg };
};

export const actions = {
	default: async (event) => {
		const session = guardPage(event.locals, 'account.own');
		const form = await event.request.formData();
		const parsed = parseForm(form, codeSchema);
		if (parsed.failure) return parsed.failure;
		try {
			const codes = await confirmTotpSetup(event.locals.ctx, session.id, parsed.data.code, clientIp(event));
			return { recoveryCodes: codes };
		} catch (error) {
			return failWith(error, form, 'code');
		}
	}
};
