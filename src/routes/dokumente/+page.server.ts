import { browseLibrary } from '#lib/server/library/library.service.ts';

export const load = async ({ locals, url }) => {
	const folder = url.searchParams.get('ordner') ?? '';
	const query = {
		q: (url.searchParams.get('q') ?? '').slice(0, 200),
		folderId: /^\d{1,9}$/.test(folder) ? Number(folder) : null,
		language: /^[a-z]{2,3}$/.test(url.searchParams.get('sprache') ?? '')
			? url.searchParams.get('sprache')!
			: ''
	};
	return { query, signedIn: locals.session !== null, ...(await browseLibrary(locals.ctx, query)) };
};
