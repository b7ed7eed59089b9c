import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { localizePath } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import {
	exchangeHelpers,
	exchangeNotifications,
	exchangeQuestions,
	users
} from '#lib/server/db/schema/index.ts';
import { enqueueJob, type JobHandlers } from '#lib/server/jobs/jobs.service.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';

export const EXCHANGE_DIGEST_JOB = 'exchange.digest';
/** Nobody may ask for more notifications a day than this. */
export const MAX_PER_DAY_LIMIT = 20;

export interface HelperProfile {
	topicIds: number[];
	languages: string[];
	districtKey: string | null;
	mode: 'instant' | 'daily';
	maxPerDay: number;
}

export async function getHelperProfile(ctx: ServiceContext): Promise<HelperProfile | null> {
	requireAccess(ctx.actor, 'exchange.participate');
	const [row] = await ctx.db
		.select()
		.from(exchangeHelpers)
		.where(eq(exchangeHelpers.userId, ctx.actor.userId!));
	return row ?? null;
}

/** "I can help with": saved or, with no topics, removed. */
export async function saveHelperProfile(ctx: ServiceContext, profile: HelperProfile) {
	requireAccess(ctx.actor, 'exchange.participate');
	const userId = ctx.actor.userId!;
	if (!profile.topicIds.length) {
		await ctx.db.delete(exchangeHelpers).where(eq(exchangeHelpers.userId, userId));
		return;
	}
	const values = {
		...profile,
		maxPerDay: Math.max(1, Math.min(MAX_PER_DAY_LIMIT, profile.maxPerDay)),
		updatedAt: new Date()
	};
	await ctx.db
		.insert(exchangeHelpers)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: exchangeHelpers.userId, set: values });
}

const startOfDay = (now: Date) => new Date(now.getTime() - 24 * 3600_000);

/**
 * Finds the people who can help with a new question — same topic and a language in common; the
 * same district counts extra — and tells them: at once, or in the daily digest, as each prefers.
 * Nobody is told of more questions within 24 hours than they allowed.
 */
export async function notifyHelpers(
	tx: DbOrTx,
	question: typeof exchangeQuestions.$inferSelect,
	origin: string,
	now = new Date()
) {
	const candidates = await tx
		.select({ helper: exchangeHelpers, email: users.email, locale: users.locale })
		.from(exchangeHelpers)
		.innerJoin(users, eq(users.id, exchangeHelpers.userId))
		.where(
			and(
				sql`${question.topicId} = any(${exchangeHelpers.topicIds})`,
				sql`${question.locale} = any(${exchangeHelpers.languages})`,
				sql`${exchangeHelpers.userId} <> ${question.authorId ?? 0}`,
				isNull(users.disabledAt)
			)
		);
	// Same district first: when someone's daily limit is reached, the closer questions got through.
	const ranked = candidates
		.map((c) => ({
			...c,
			score: 1 + (question.districtKey && c.helper.districtKey === question.districtKey ? 1 : 0)
		}))
		.sort((a, b) => b.score - a.score);
	for (const c of ranked) {
		const [today] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(exchangeNotifications)
			.where(
				and(
					eq(exchangeNotifications.userId, c.helper.userId),
					gte(exchangeNotifications.createdAt, startOfDay(now))
				)
			);
		if ((today?.n ?? 0) >= c.helper.maxPerDay) continue;
		const instant = c.helper.mode === 'instant';
		await tx
			.insert(exchangeNotifications)
			.values({
				questionId: question.id,
				userId: c.helper.userId,
				score: c.score,
				createdAt: now,
				sentAt: instant ? now : null
			})
			.onConflictDoNothing();
		if (instant) {
			await queueComposedMail(tx, { email: c.email, locale: c.locale }, 'exchange_question', (o) => ({
				subject: m.mail_exchange_question_subject({ title: question.title }, o),
				paragraphs: [
					m.mail_exchange_question_text({}, o),
					question.title,
					m.mail_exchange_settings_hint({}, o)
				],
				action: {
					label: m.mail_exchange_open({}, o),
					url: `${origin}${localizePath(`/austausch/${question.id}`, o.locale)}`
				}
			}));
		}
	}
}

/** The daily digest: one mail per person with the questions collected for them. */
export async function sendDigests(db: Db, origin: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const pending = await tx
			.update(exchangeNotifications)
			.set({ sentAt: now })
			.where(isNull(exchangeNotifications.sentAt))
			.returning();
		const byUser = new Map<number, number[]>();
		for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n.questionId]);
		for (const [userId, questionIds] of byUser) {
			const [user] = await tx.select().from(users).where(eq(users.id, userId));
			const questions = await tx
				.select()
				.from(exchangeQuestions)
				.where(inArray(exchangeQuestions.id, questionIds));
			const visible = questions.filter((q) => !q.hidden);
			if (!user || !visible.length) continue;
			await queueComposedMail(tx, user, 'exchange_digest', (o) => ({
				subject: m.mail_exchange_digest_subject({ count: String(visible.length) }, o),
				paragraphs: [
					m.mail_exchange_question_text({}, o),
					...visible.map((q) => `${q.title}\n${origin}${localizePath(`/austausch/${q.id}`, o.locale)}`),
					m.mail_exchange_settings_hint({}, o)
				]
			}));
		}
		return byUser.size;
	});
}

export function exchangeJobHandlers(db: Db): JobHandlers {
	return {
		[EXCHANGE_DIGEST_JOB]: async (payload) => void (await sendDigests(db, String(payload.origin ?? '')))
	};
}

/** Called by maintenance: one digest run per day (a job, deduplicated by date). */
export async function scheduleDigest(db: Db, origin: string, now = new Date()) {
	await enqueueJob(db, {
		kind: EXCHANGE_DIGEST_JOB,
		payload: { origin },
		dedupeKey: `${EXCHANGE_DIGEST_JOB}:${now.toISOString().slice(0, 10)}`
	});
}
