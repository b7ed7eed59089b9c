import { and, desc, eq } from 'drizzle-orm';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import {
	exchangeAnswers,
	exchangeBlocks,
	exchangeQuestions,
	exchangeReports,
	userRoles,
	users
} from '#lib/server/db/schema/index.ts';
import { NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';

type Kind = 'question' | 'answer';

/** Anyone signed in reports a post with a reason; moderators see the reports. */
export async function reportPost(ctx: ServiceContext, kind: Kind, targetId: number, reason: string) {
	requireAccess(ctx.actor, 'exchange.participate');
	const table = kind === 'question' ? exchangeQuestions : exchangeAnswers;
	const [target] = await ctx.db.select({ id: table.id }).from(table).where(eq(table.id, targetId));
	if (!target) throw new NotFound(`${kind} ${targetId}`);
	await ctx.db.insert(exchangeReports).values({ kind, targetId, reporterId: ctx.actor.userId, reason });
}

export async function openReports(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'exchange.moderate');
	const reports = await ctx.db
		.select()
		.from(exchangeReports)
		.where(eq(exchangeReports.status, 'open'))
		.orderBy(desc(exchangeReports.createdAt));
	return Promise.all(
		reports.map(async (report) => {
			const table = report.kind === 'question' ? exchangeQuestions : exchangeAnswers;
			const [post] = await ctx.db
				.select({ body: table.body, hidden: table.hidden, authorId: table.authorId })
				.from(table)
				.where(eq(table.id, report.targetId));
			const questionId =
				report.kind === 'question'
					? report.targetId
					: (
							await ctx.db
								.select({ q: exchangeAnswers.questionId })
								.from(exchangeAnswers)
								.where(eq(exchangeAnswers.id, report.targetId))
						)[0]?.q;
			return { report, post: post ?? null, questionId: questionId ?? null };
		})
	);
}

async function moderate(
	ctx: ServiceContext,
	action: string,
	kind: Kind,
	targetId: number,
	details: Record<string, unknown>
) {
	await audit(ctx.db, { actorId: ctx.actor.userId, action, subjectType: kind, subjectId: targetId, details });
	await ctx.db
		.update(exchangeReports)
		.set({ status: 'done', decidedBy: ctx.actor.userId })
		.where(
			and(
				eq(exchangeReports.kind, kind),
				eq(exchangeReports.targetId, targetId),
				eq(exchangeReports.status, 'open')
			)
		);
}

/** Hides (or shows again) a post; the note is visible in its place. */
export async function setHidden(
	ctx: ServiceContext,
	kind: Kind,
	targetId: number,
	hidden: boolean,
	note: string
) {
	requireAccess(ctx.actor, 'exchange.moderate');
	const table = kind === 'question' ? exchangeQuestions : exchangeAnswers;
	const rows = await ctx.db
		.update(table)
		.set({ hidden, moderationNote: note })
		.where(eq(table.id, targetId))
		.returning({ id: table.id });
	if (!rows.length) throw new NotFound(`${kind} ${targetId}`);
	await moderate(ctx, hidden ? 'exchange.hide' : 'exchange.show', kind, targetId, { note });
}

/** Edits a post's text with a note everyone sees ("edited by the moderation: …"). */
export async function editPost(
	ctx: ServiceContext,
	kind: Kind,
	targetId: number,
	body: string,
	note: string
) {
	requireAccess(ctx.actor, 'exchange.moderate');
	const table = kind === 'question' ? exchangeQuestions : exchangeAnswers;
	const rows = await ctx.db
		.update(table)
		.set({ body, moderationNote: note })
		.where(eq(table.id, targetId))
		.returning({ id: table.id });
	if (!rows.length) throw new NotFound(`${kind} ${targetId}`);
	await moderate(ctx, 'exchange.edit', kind, targetId, { note });
}

export async function setLocked(ctx: ServiceContext, questionId: number, locked: boolean) {
	requireAccess(ctx.actor, 'exchange.moderate');
	await ctx.db.update(exchangeQuestions).set({ locked }).where(eq(exchangeQuestions.id, questionId));
	await moderate(ctx, locked ? 'exchange.lock' : 'exchange.unlock', 'question', questionId, {});
}

/** Blocks the author of a post from writing in the exchange (reading stays possible). */
export async function blockAuthor(ctx: ServiceContext, kind: Kind, targetId: number, reason: string) {
	requireAccess(ctx.actor, 'exchange.moderate');
	const table = kind === 'question' ? exchangeQuestions : exchangeAnswers;
	const [post] = await ctx.db.select({ authorId: table.authorId }).from(table).where(eq(table.id, targetId));
	if (!post?.authorId) throw new NotFound('author');
	await ctx.db
		.insert(exchangeBlocks)
		.values({ userId: post.authorId, reason, blockedBy: ctx.actor.userId })
		.onConflictDoUpdate({ target: exchangeBlocks.userId, set: { reason, blockedBy: ctx.actor.userId } });
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'exchange.block',
		subjectType: 'user',
		subjectId: post.authorId,
		details: { reason }
	});
}

export async function unblock(ctx: ServiceContext, userId: number) {
	requireAccess(ctx.actor, 'exchange.moderate');
	await ctx.db.delete(exchangeBlocks).where(eq(exchangeBlocks.userId, userId));
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'exchange.unblock',
		subjectType: 'user',
		subjectId: userId
	});
}

export async function blockedPeople(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'exchange.moderate');
	return ctx.db
		.select({ block: exchangeBlocks, name: users.name })
		.from(exchangeBlocks)
		.innerJoin(users, eq(users.id, exchangeBlocks.userId))
		.orderBy(desc(exchangeBlocks.createdAt));
}

/** Editors make someone a moderator (or take the role back). */
export async function setModerator(ctx: ServiceContext, email: string, moderator: boolean) {
	requireAccess(ctx.actor, 'exchange.curate');
	const [user] = await ctx.db.select().from(users).where(eq(users.email, email.toLowerCase()));
	if (!user) throw new NotFound('user');
	if (moderator)
		await ctx.db.insert(userRoles).values({ userId: user.id, role: 'moderator' }).onConflictDoNothing();
	else
		await ctx.db.delete(userRoles).where(and(eq(userRoles.userId, user.id), eq(userRoles.role, 'moderator')));
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: moderator ? 'exchange.moderator_grant' : 'exchange.moderator_revoke',
		subjectType: 'user',
		subjectId: user.id
	});
}

export async function moderators(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'exchange.curate');
	return ctx.db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(userRoles)
		.innerJoin(users, eq(users.id, userRoles.userId))
		.where(eq(userRoles.role, 'moderator'));
}
