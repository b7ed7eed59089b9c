import { z } from 'zod';
import { LOCALES } from '#lib/i18n/locales.ts';
import { issueInput, issueSchema } from '#lib/schemas/newsletter.ts';
import { listNews } from '#lib/server/content/news.service.ts';
import { getIssue, sendTestMail, startSending, updateIssue } from '#lib/server/newsletter/issue.service.ts';
import { kickJobs } from '#lib/server/app.ts';
import { Invalid } from '#lib/server/errors.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'newsletter.manage');
	const view = await orHttpError(locals.locale, () => getIssue(locals.ctx, idParam(params.id)));
	return { ...view, news: (await listNews(locals.ctx, 'de', { limit: 20 })).items };
};

export const actions = {
	save: async ({ locals, params, request }) => {
		guardPage(locals, 'newsletter.manage');
		const form = await request.formData();
		const parsed = parseForm(form, issueSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateIssue(locals.ctx, idParam(params.id), issueInput(parsed.data));
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	},
	test: async ({ locals, params, request, url }) => {
		guardPage(locals, 'newsletter.manage');
		const form = await request.formData();
		const parsed = parseForm(form, z.object({ testLanguage: z.enum(LOCALES, 'forms_invalid') }));
		if (parsed.failure) return parsed.failure;
		try {
			await sendTestMail(locals.ctx, idParam(params.id), parsed.data.testLanguage, url.origin);
		} catch (e) {
			return failWith(e, form, 'send');
		}
		return { tested: true };
	},
	send: async ({ locals, params, request, url }) => {
		guardPage(locals, 'newsletter.manage');
		const form = await request.formData();
		if (form.get('confirm') !== 'on')
			return failWith(new Invalid('newsletter_send_confirm', 'confirm', 'send'), form);
		try {
			await startSending(locals.ctx, idParam(params.id), url.origin);
		} catch (e) {
			return failWith(e, form, 'send');
		}
		kickJobs();
		return { started: true };
	}
};
