import { managedOpportunities } from '#lib/server/volunteering/volunteering.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'account.own');
	return { items: await managedOpportunities(locals.ctx) };
};
