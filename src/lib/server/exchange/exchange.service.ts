import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { localizePath } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import {
	exchangeAnswers,
	exchangeBlocks,
	exchangeHelpful,
	exchangeQuestions,
	exchangeSameProblem,
	exchangeTopics,
	users
} from '#lib/server/db/schema/index.ts';
import { Conflict, Forbidden, NotFound } from '#lib/server/errors.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { can, requireAccess } from '#lib/server/policy/policy.ts';
import { notifyHelpers } from './helpers.service.ts';

export const PAGE_SIZE = 20;

export async function listTopics(ctx: ServiceContext, all = false) {
	return ctx.db
		.select()
		.from(exchangeTopics)
		.where(all ? undefined : eq(exchangeTopics.active, true))
		.orderBy(asc(exchangeTopics.position), asc(exchangeTopics.id));
}

/** Signed in and not blocked by a moderator. */
async function requireParticipant(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'exchange.participate');
	const [blocked] = await ctx.db
		.select()
		.from(exchangeBlocks)
		.where(eq(exchangeBlocks.userId, ctx.actor.userId!));
	if (blocked) throw new Forbidden('exchange.blocked');
}

/** A pseudonym like "Person 4F7K": nothing about the person, different for every post. */
function newPseudonym(): string {
	const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
	return Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

async function refreshSearch(db: DbOrTx, questionId: number) {
	await db.execute(sql`
		update exchange_questions q set search_vector =
			setweight(to_tsvector('german_unaccent', q.title), 'A')
			|| setweight(to_tsvector('simple_unaccent', q.title), 'A')
			|| setweight(to_tsvector('german_unaccent', q.body), 'B')
			|| setweight(to_tsvector('simple_unaccent', q.body), 'B')
			|| setweight(to_tsvector('simple_unaccent', coalesce((select string_agg(a.body, ' ') from exchange_answers a
				where a.question_id = q.id and not a.hidden), '')), 'C')
		where q.id = ${questionId}`);
}

export interface QuestionInput {
	topicId: number;
	locale: string;
	districtKey: string | null;
	title: string;
	body: string;
	pseudonymous: boolean;
}

/** Asks a question; people who declared this topic and language hear of it (see helpers.service). */
export async function askQuestion(ctx: ServiceContext, input: QuestionInput, origin: string) {
	await requireParticipant(ctx);
	const [topic] = await ctx.db.select().from(exchangeTopics).where(eq(exchangeTopics.id, input.topicId));
	if (!topic?.active) throw new NotFound('topic');
	return ctx.db.transaction(async (tx) => {
		const [question] = await tx
			.insert(exchangeQuestions)
			.values({
				authorId: ctx.actor.userId,
				pseudonym: input.pseudonymous ? newPseudonym() : null,
				topicId: input.topicId,
				locale: input.locale,
				districtKey: input.districtKey,
				title: input.title,
				body: input.body
			})
			.returning();
		await refreshSearch(tx, question!.id);
		await notifyHelpers(tx, question!, origin);
		return question!.id;
	});
}

export interface QuestionFilters {
	q: string;
	topicId: number | null;
	language: string;
	status: '' | 'open' | 'solved';
	page: number;
}

/** Questions for signed-in people; visitors see only those the editors made public. */
export async function listQuestions(ctx: ServiceContext, filters: QuestionFilters) {
	const signedIn = ctx.actor.userId !== null;
	const conditions: SQL[] = [];
	if (!can(ctx.actor, 'exchange.moderate')) conditions.push(eq(exchangeQuestions.hidden, false));
	if (!signedIn) conditions.push(eq(exchangeQuestions.public, true));
	if (filters.topicId) conditions.push(eq(exchangeQuestions.topicId, filters.topicId));
	if (filters.language) conditions.push(eq(exchangeQuestions.locale, filters.language));
	if (filters.status) conditions.push(eq(exchangeQuestions.status, filters.status));
	const query = filters.q.trim();
	if (query)
		conditions.push(sql`(${exchangeQuestions.searchVector} @@ (plainto_tsquery('german_unaccent', ${query}) || plainto_tsquery('simple_unaccent', ${query}))
			or word_similarity(unaccent(lower(${query})), unaccent(lower(${exchangeQuestions.title}))) > 0.5)`);
	const where = conditions.length ? and(...conditions) : undefined;
	const rows = await ctx.db
		.select({
			question: exchangeQuestions,
			answers: sql<number>`(select count(*)::int from ${exchangeAnswers} a where a.question_id = ${exchangeQuestions.id} and not a.hidden)`,
			same: sql<number>`(select count(*)::int from ${exchangeSameProblem} s where s.question_id = ${exchangeQuestions.id})`
		})
		.from(exchangeQuestions)
		.where(where)
		.orderBy(
			...(query
				? [
						desc(
							sql`ts_rank(${exchangeQuestions.searchVector}, plainto_tsquery('german_unaccent', ${query}) || plainto_tsquery('simple_unaccent', ${query}))`
						)
					]
				: []),
			desc(exchangeQuestions.createdAt)
		)
		.limit(PAGE_SIZE + 1)
		.offset((filters.page - 1) * PAGE_SIZE);
	return { items: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

async function authorNames(db: DbOrTx, ids: (number | null)[]) {
	const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
	if (!wanted.length) return new Map<number, string>();
	const rows = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, wanted));
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** How a post's author is shown: the pseudonym to others, with the name for moderators. */
function shownAuthor(
	post: { authorId: number | null; pseudonym: string | null },
	names: Map<number, string>,
	moderator: boolean
) {
	const name = post.authorId ? (names.get(post.authorId) ?? null) : null;
	return {
		name: post.pseudonym ? null : name,
		pseudonym: post.pseudonym,
		realName: moderator && post.pseudonym ? name : null
	};
}

export async function getQuestion(ctx: ServiceContext, id: number) {
	const [question] = await ctx.db.select().from(exchangeQuestions).where(eq(exchangeQuestions.id, id));
	const moderator = can(ctx.actor, 'exchange.moderate');
	if (!question || (question.hidden && !moderator)) throw new NotFound(`question ${id}`);
	if (ctx.actor.userId === null && !question.public) throw new Forbidden('exchange.participate');
	const answers = await ctx.db
		.select({
			answer: exchangeAnswers,
			helpful: sql<number>`(select count(*)::int from ${exchangeHelpful} h where h.answer_id = ${exchangeAnswers.id})`,
			mine: ctx.actor.userId
				? sql<boolean>`exists(select 1 from ${exchangeHelpful} h where h.answer_id = ${exchangeAnswers.id} and h.user_id = ${ctx.actor.userId})`
				: sql<boolean>`false`
		})
		.from(exchangeAnswers)
		.where(eq(exchangeAnswers.questionId, id))
		.orderBy(asc(exchangeAnswers.id));
	const [same] = await ctx.db
		.select({
			n: sql<number>`count(*)::int`,
			mine: ctx.actor.userId
				? sql<boolean>`bool_or(${exchangeSameProblem.userId} = ${ctx.actor.userId})`
				: sql<boolean>`false`
		})
		.from(exchangeSameProblem)
		.where(eq(exchangeSameProblem.questionId, id));
	const [topic] = await ctx.db.select().from(exchangeTopics).where(eq(exchangeTopics.id, question.topicId));
	const names = await authorNames(ctx.db, [question.authorId, ...answers.map((a) => a.answer.authorId)]);
	const isAsker = ctx.actor.userId !== null && question.authorId === ctx.actor.userId;
	return {
		question,
		topic: topic!,
		author: shownAuthor(question, names, moderator),
		isAsker,
		moderator,
		canCurate: can(ctx.actor, 'exchange.curate'),
		sameProblem: { count: same?.n ?? 0, mine: same?.mine ?? false },
		answers: answers.map((a) => ({
			...a.answer,
			// Hidden answers keep their place; only moderators read them.
			body: a.answer.hidden && !moderator ? '' : a.answer.body,
			helpful: a.helpful,
			markedHelpful: a.mine,
			isMine: ctx.actor.userId !== null && a.answer.authorId === ctx.actor.userId,
			author: shownAuthor(a.answer, names, moderator)
		}))
	};
}

/** Answers a question (not locked); the asker is told. */
export async function answerQuestion(
	ctx: ServiceContext,
	questionId: number,
	body: string,
	pseudonymous: boolean,
	origin: string
) {
	await requireParticipant(ctx);
	const { question } = await getQuestion(ctx, questionId);
	if (question.locked) throw new Conflict('exchange_locked');
	await ctx.db.transaction(async (tx) => {
		await tx.insert(exchangeAnswers).values({
			questionId,
			authorId: ctx.actor.userId,
			pseudonym: pseudonymous ? newPseudonym() : null,
			body
		});
		await tx
			.update(exchangeQuestions)
			.set({ updatedAt: new Date() })
			.where(eq(exchangeQuestions.id, questionId));
		await refreshSearch(tx, questionId);
		if (question.authorId && question.authorId !== ctx.actor.userId) {
			const [asker] = await tx.select().from(users).where(eq(users.id, question.authorId));
			if (asker)
				await queueComposedMail(tx, asker, 'exchange_answer', (o) => ({
					subject: m.mail_exchange_answer_subject({ title: question.title }, o),
					paragraphs: [m.mail_exchange_answer_text({ title: question.title }, o)],
					action: {
						label: m.mail_exchange_open({}, o),
						url: `${origin}${localizePath(`/austausch/${questionId}`, o.locale)}`
					}
				}));
		}
	});
}

/** The asker marks the answer that solved it. */
export async function markSolved(ctx: ServiceContext, questionId: number, answerId: number) {
	await requireParticipant(ctx);
	const view = await getQuestion(ctx, questionId);
	if (!view.isAsker) throw new Forbidden('exchange.solve');
	if (!view.answers.some((a) => a.id === answerId && !a.hidden)) throw new NotFound(`answer ${answerId}`);
	await ctx.db
		.update(exchangeQuestions)
		.set({ status: 'solved', solvedAnswerId: answerId, updatedAt: new Date() })
		.where(eq(exchangeQuestions.id, questionId));
}

/** "Helpful" on someone else's answer; a second click takes it back. */
export async function toggleHelpful(ctx: ServiceContext, questionId: number, answerId: number) {
	await requireParticipant(ctx);
	const view = await getQuestion(ctx, questionId);
	const answer = view.answers.find((a) => a.id === answerId);
	if (!answer || answer.hidden) throw new NotFound(`answer ${answerId}`);
	if (answer.isMine) throw new Conflict('exchange_own_answer');
	if (answer.markedHelpful)
		await ctx.db
			.delete(exchangeHelpful)
			.where(and(eq(exchangeHelpful.answerId, answerId), eq(exchangeHelpful.userId, ctx.actor.userId!)));
	else
		await ctx.db
			.insert(exchangeHelpful)
			.values({ answerId, userId: ctx.actor.userId! })
			.onConflictDoNothing();
}

/** "I have the same problem"; a second click takes it back. */
export async function toggleSameProblem(ctx: ServiceContext, questionId: number) {
	await requireParticipant(ctx);
	const view = await getQuestion(ctx, questionId);
	if (view.sameProblem.mine)
		await ctx.db
			.delete(exchangeSameProblem)
			.where(
				and(eq(exchangeSameProblem.questionId, questionId), eq(exchangeSameProblem.userId, ctx.actor.userId!))
			);
	else
		await ctx.db
			.insert(exchangeSameProblem)
			.values({ questionId, userId: ctx.actor.userId! })
			.onConflictDoNothing();
}

/** A solved question proposed to the editors for the public FAQ/guide (asker or moderator). */
export async function suggestForFaq(ctx: ServiceContext, questionId: number) {
	await requireParticipant(ctx);
	const view = await getQuestion(ctx, questionId);
	if (!view.isAsker && !view.moderator) throw new Forbidden('exchange.suggest');
	if (view.question.status !== 'solved') throw new Conflict('exchange_not_solved');
	await ctx.db
		.update(exchangeQuestions)
		.set({ faqSuggested: true })
		.where(eq(exchangeQuestions.id, questionId));
}

/** Editors decide per question whether visitors may read it. */
export async function setQuestionPublic(ctx: ServiceContext, questionId: number, isPublic: boolean) {
	requireAccess(ctx.actor, 'exchange.curate');
	await ctx.db
		.update(exchangeQuestions)
		.set({ public: isPublic })
		.where(eq(exchangeQuestions.id, questionId));
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'exchange.public',
		subjectType: 'question',
		subjectId: questionId,
		details: { public: isPublic }
	});
}

export async function faqCandidates(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'exchange.curate');
	return ctx.db
		.select()
		.from(exchangeQuestions)
		.where(and(eq(exchangeQuestions.faqSuggested, true), eq(exchangeQuestions.hidden, false)))
		.orderBy(desc(exchangeQuestions.updatedAt));
}

export async function addTopic(ctx: ServiceContext, slug: string, labels: Record<string, string>) {
	requireAccess(ctx.actor, 'exchange.curate');
	const [max] = await ctx.db.select({ n: sql<number>`coalesce(max(position), 0)::int` }).from(exchangeTopics);
	await ctx.db
		.insert(exchangeTopics)
		.values({ slug, labels, position: (max?.n ?? 0) + 1 })
		.onConflictDoUpdate({ target: exchangeTopics.slug, set: { labels, active: true } });
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'exchange.topic',
		subjectType: 'topic',
		subjectId: slug
	});
}

export async function setTopicActive(ctx: ServiceContext, topicId: number, active: boolean) {
	requireAccess(ctx.actor, 'exchange.curate');
	await ctx.db.update(exchangeTopics).set({ active }).where(eq(exchangeTopics.id, topicId));
}
