import { can } from '#lib/server/policy/policy.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = ({ locals }) => {
	guardPage(locals, 'admin.access');
	const actor = locals.ctx.actor;
	// The navigation shows only what this person may open.
	return {
		allowed: {
			settings: can(actor, 'settings.read_all'),
			users: can(actor, 'users.manage'),
			messages: can(actor, 'contact.manage'),
			audit: can(actor, 'audit.read'),
			outbox: can(actor, 'mail.read_outbox'),
			directory: can(actor, 'directory.review'),
			members: can(actor, 'membership.register'),
			events: can(actor, 'events.publish'),
			content: can(actor, 'content.edit'),
			newsletter: can(actor, 'newsletter.manage'),
			exchange: can(actor, 'exchange.curate'),
			documents: can(actor, 'documents.manage'),
			circulars: can(actor, 'circulars.send')
		}
	};
};
