import { and, asc, desc, eq, or } from 'drizzle-orm';
import { localizePath } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import {
	exchangeAnswers,
	exchangeConversations,
	exchangeMessages,
	exchangeQuestions,
	users
} from '#lib/server/db/schema/index.ts';
import { Conflict, Forbidden, NotFound } from '#lib/server/errors.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';

/**
 * Asker and a helper (someone who answered) may talk privately inside the platform once both agree:
 * one asks, the other accepts. Nobody sees the other's email address; mails only say that there is
 * something new.
 */
export async function requestConversation(
	ctx: ServiceContext,
	questionId: number,
	answerId: number,
	origin: string
) {
	requireAccess(ctx.actor, 'exchange.participate');
	const me = ctx.actor.userId!;
	const [question] = await ctx.db
		.select()
		.from(exchangeQuestions)
		.where(eq(exchangeQuestions.id, questionId));
	const [answer] = await ctx.db.select().from(exchangeAnswers).where(eq(exchangeAnswers.id, answerId));
	if (!question || !answer || answer.questionId !== questionId || !question.authorId || !answer.authorId)
		throw new NotFound('answer');
	if (me !== question.authorId && me !== answer.authorId) throw new Forbidden('exchange.conversation');
	if (question.authorId === answer.authorId) throw new Conflict('exchange_own_answer');
	const [existing] = await ctx.db
		.select()
		.from(exchangeConversations)
		.where(
			and(
				eq(exchangeConversations.questionId, questionId),
				eq(exchangeConversations.askerId, question.authorId),
				eq(exchangeConversations.helperId, answer.authorId)
			)
		);
	if (existing) return existing.id;
	const other = me === question.authorId ? answer.authorId : question.authorId;
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(exchangeConversations)
			.values({ questionId, askerId: question.authorId!, helperId: answer.authorId!, requestedBy: me })
			.returning();
		await tellOther(tx, other, row!.id, origin, 'request');
		return row!.id;
	});
}

async function tellOther(
	db: ServiceContext['db'],
	userId: number,
	conversationId: number,
	origin: string,
	kind: 'request' | 'message'
) {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user) return;
	await queueComposedMail(db, user, 'exchange_conversation', (o) => ({
		subject:
			kind === 'request' ? m.mail_exchange_request_subject({}, o) : m.mail_exchange_message_subject({}, o),
		paragraphs: [
			kind === 'request' ? m.mail_exchange_request_text({}, o) : m.mail_exchange_message_text({}, o)
		],
		action: {
			label: m.mail_exchange_open({}, o),
			url: `${origin}${localizePath(`/austausch/nachrichten/${conversationId}`, o.locale)}`
		}
	}));
}

async function loadConversation(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'exchange.participate');
	const [row] = await ctx.db.select().from(exchangeConversations).where(eq(exchangeConversations.id, id));
	const me = ctx.actor.userId!;
	if (!row || (row.askerId !== me && row.helperId !== me)) throw new NotFound(`conversation ${id}`);
	return row;
}

export async function acceptConversation(ctx: ServiceContext, id: number) {
	const row = await loadConversation(ctx, id);
	if (row.requestedBy === ctx.actor.userId) throw new Conflict('exchange_wait_for_other');
	if (!row.acceptedAt)
		await ctx.db
			.update(exchangeConversations)
			.set({ acceptedAt: new Date() })
			.where(eq(exchangeConversations.id, id));
}

export async function getConversation(ctx: ServiceContext, id: number) {
	const row = await loadConversation(ctx, id);
	const [question] = await ctx.db
		.select()
		.from(exchangeQuestions)
		.where(eq(exchangeQuestions.id, row.questionId));
	const messages = await ctx.db
		.select()
		.from(exchangeMessages)
		.where(eq(exchangeMessages.conversationId, id))
		.orderBy(asc(exchangeMessages.id));
	const me = ctx.actor.userId!;
	return {
		conversation: row,
		question: { id: question!.id, title: question!.title },
		// The other person as the question showed them: the asker's pseudonym, if they used one.
		otherIsAsker: row.helperId === me,
		askerPseudonym: question!.pseudonym,
		waitingForMe: !row.acceptedAt && row.requestedBy !== me,
		waitingForOther: !row.acceptedAt && row.requestedBy === me,
		messages: messages.map((msg) => ({ ...msg, mine: msg.senderId === me }))
	};
}

export async function sendMessage(ctx: ServiceContext, id: number, body: string, origin: string) {
	const row = await loadConversation(ctx, id);
	if (!row.acceptedAt) throw new Conflict('exchange_not_accepted');
	const me = ctx.actor.userId!;
	await ctx.db.transaction(async (tx) => {
		await tx.insert(exchangeMessages).values({ conversationId: id, senderId: me, body });
		await tellOther(tx, row.askerId === me ? row.helperId : row.askerId, id, origin, 'message');
	});
}

export async function myConversations(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'exchange.participate');
	const me = ctx.actor.userId!;
	return ctx.db
		.select({ conversation: exchangeConversations, title: exchangeQuestions.title })
		.from(exchangeConversations)
		.innerJoin(exchangeQuestions, eq(exchangeQuestions.id, exchangeConversations.questionId))
		.where(or(eq(exchangeConversations.askerId, me), eq(exchangeConversations.helperId, me)))
		.orderBy(desc(exchangeConversations.createdAt));
}
