import { DIRECTORY_LANGUAGES } from '#lib/directory/directory.ts';
import { listQuestions, listTopics } from '#lib/server/exchange/exchange.service.ts';
import { pageNumber } from '#lib/server/http/request.ts';

export const load = async ({ locals, url }) => {
	const p = url.searchParams;
	const status = p.get('status');
	const language = p.get('sprache') ?? '';
	const filters = {
		q: (p.get('q') ?? '').slice(0, 200),
		topicId: /^\d{1,9}$/.test(p.get('thema') ?? '') ? Number(p.get('thema')) : null,
		language: (DIRECTORY_LANGUAGES as readonly string[]).includes(language) ? language : '',
		status: (status === 'open' || status === 'solved' ? status : '') as '' | 'open' | 'solved',
		page: pageNumber(url)
	};
	return {
		filters,
		topics: await listTopics(locals.ctx),
		signedIn: locals.session !== null,
		...(await listQuestions(locals.ctx, filters))
	};
};
