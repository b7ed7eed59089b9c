import { fail } from '@sveltejs/kit';
import { berlinDate, berlinTime } from '#lib/events/time.ts';
import { newsSettingsSchema, pageTextSchema } from '#lib/schemas/content.ts';
import { getForEdit, saveNewsSettings, saveSource } from '#lib/server/content/editor.service.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';
import { listMedia } from '#lib/server/content/media.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'content.edit');
	const view = await orHttpError(locals.locale, () => getForEdit(locals.ctx, idParam(params.id)));
	const publishAt = view.news?.publishAt ?? null;
	return {
		...view,
		media:
			view.page.kind === 'news'
				? (await listMedia(locals.ctx)).map((r) => ({ id: r.id, name: r.name, alt: r.alt.de ?? '' }))
				: [],
		values: {
			title: view.source?.title ?? '',
			summary: view.source?.summary ?? '',
			body: view.source?.body ?? '',
			previewHtml: renderMarkdown(view.source?.body ?? '')
		},
		settings: {
			publishDate: publishAt ? berlinDate(publishAt) : '',
			publishTime: publishAt ? berlinTime(publishAt) : '',
			categories: (view.news?.categories ?? []).join(', '),
			mediaId: view.news?.mediaId ? String(view.news.mediaId) : '',
			showAuthor: view.news?.showAuthor ? 'on' : ''
		},
		now: new Date()
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, pageTextSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await saveSource(locals.ctx, idParam(params.id), parsed.data, { minor: form.get('minor') === 'on' });
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	},
	settings: async ({ locals, params, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, newsSettingsSchema);
		if (parsed.failure) return fail(400, { ...parsed.failure.data, settingsFailed: true });
		try {
			await saveNewsSettings(locals.ctx, idParam(params.id), parsed.data);
		} catch (e) {
			return failWith(e, form, 'settings');
		}
		return { settingsSaved: true };
	}
};
