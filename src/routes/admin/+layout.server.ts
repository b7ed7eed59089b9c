import { guardPage } from '#lib/server/http/guards.ts';

export const load = ({ locals }) => {
	guardPage(locals, 'admin.access');
	return {};
};
