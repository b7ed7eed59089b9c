import { BASE_LOCALE, isLocale, type Locale } from '#lib/i18n/locales.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import type { IssueText } from '#lib/server/db/schema/index.ts';
import { Conflict, NotFound } from '#lib/server/errors.ts';
import { enqueueJob } from '#lib/server/jobs/jobs.service.ts';
import { queueMail } from '#lib/server/mail/mail.service.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findUserById } from '#lib/server/auth/auth.queries.ts';
import * as queries from './newsletter.queries.ts';
import { personalise, renderIssue } from './render.ts';
import { NEWSLETTER_SEND_JOB } from './sender.ts';

export interface IssueInput {
	texts: Partial<Record<Locale, IssueText>>;
	newsPageIds: number[];
	topics: string[];
	ratePerMinute: number;
}

function cleanTexts(texts: IssueInput['texts']) {
	return Object.fromEntries(
		Object.entries(texts).filter(([locale, t]) => isLocale(locale) && t && t.subject.trim() && t.body.trim())
	) as Record<string, IssueText>;
}

export async function listIssues(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'newsletter.manage');
	const issues = await queries.listIssues(ctx.db);
	return Promise.all(
		issues.map(async (issue) => ({ issue, counts: await queries.deliveryCounts(ctx.db, issue.id) }))
	);
}

export async function createIssue(ctx: ServiceContext, input: IssueInput) {
	requireAccess(ctx.actor, 'newsletter.manage');
	const row = await queries.insertIssue(ctx.db, {
		...input,
		texts: cleanTexts(input.texts),
		createdBy: ctx.actor.userId
	});
	await audit(ctx.db, {
		actorId: ctx.actor.userId,
		action: 'newsletter.create',
		subjectType: 'newsletter',
		subjectId: row.id
	});
	return row.id;
}

async function loadIssue(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'newsletter.manage');
	const issue = await queries.findIssue(ctx.db, id);
	if (!issue) throw new NotFound(`issue ${id}`);
	return issue;
}

export async function getIssue(ctx: ServiceContext, id: number) {
	const issue = await loadIssue(ctx, id);
	return { issue, counts: await queries.deliveryCounts(ctx.db, id) };
}

export async function updateIssue(ctx: ServiceContext, id: number, input: IssueInput) {
	const issue = await loadIssue(ctx, id);
	if (issue.status !== 'draft') throw new Conflict('newsletter_not_draft');
	await queries.updateIssue(ctx.db, id, { ...input, texts: cleanTexts(input.texts) });
}

/** A test mail to the editor, in the language chosen (German where the issue has none in it). */
export async function sendTestMail(ctx: ServiceContext, id: number, locale: Locale, origin: string) {
	const issue = await loadIssue(ctx, id);
	const me = await findUserById(ctx.db, ctx.actor.userId!);
	if (!me) throw new NotFound('user');
	const rendered = await renderIssue(ctx, { ...issue, origin }, locale, origin);
	const sample = `${origin}/newsletter`;
	const mail = personalise(rendered, { unsubscribe: sample, settings: sample });
	await queueMail(ctx.db, {
		to: me.email,
		locale: rendered.locale,
		purpose: 'newsletter_test',
		subject: `[Test] ${mail.subject}`,
		text: mail.text,
		html: mail.html
	});
}

/**
 * Starts sending: one delivery row per confirmed subscriber (with a matching topic) is written at
 * once, then a job sends batch after batch at the issue's rate.
 */
export async function startSending(ctx: ServiceContext, id: number, origin: string, now = new Date()) {
	const issue = await loadIssue(ctx, id);
	if (!issue.texts[BASE_LOCALE]) throw new Conflict('newsletter_needs_german');
	await ctx.db.transaction(async (tx) => {
		const started = await queries.startIssue(tx, id, now);
		if (!started) throw new Conflict('newsletter_not_draft');
		await queries.updateIssue(tx, id, { origin });
		await queries.createDeliveries(tx, id, issue.topics);
		await enqueueJob(tx, {
			kind: NEWSLETTER_SEND_JOB,
			payload: { issueId: id, batch: 0 },
			dedupeKey: `${NEWSLETTER_SEND_JOB}:${id}:0`
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'newsletter.send',
			subjectType: 'newsletter',
			subjectId: id
		});
	});
}
