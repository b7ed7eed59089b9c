import { myConversations } from '#lib/server/exchange/conversations.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'exchange.participate');
	return { conversations: await myConversations(locals.ctx) };
};
