import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { createIssue, listIssues } from '#lib/server/newsletter/issue.service.ts';
import { subscriberStats } from '#lib/server/newsletter/subscription.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'newsletter.manage');
	return { issues: await listIssues(locals.ctx), stats: await subscriberStats(locals.ctx) };
};

export const actions = {
	create: async ({ locals }) => {
		guardPage(locals, 'newsletter.manage');
		const id = await createIssue(locals.ctx, {
			texts: { de: { subject: '', body: '' } },
			newsPageIds: [],
			topics: [],
			ratePerMinute: 600
		});
		redirect(303, localizePath(`/admin/newsletter/${id}`, locals.locale));
	}
};
