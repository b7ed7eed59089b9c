import { expect, test } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { e2eState } from './mail.ts';

// Every route under the member and admin areas, found on disk: a new route is in the matrix at once.
function routesUnder(dir: string): string[] {
	const out: string[] = [];
	const walk = (folder: string, route: string) => {
		const entries = readdirSync(folder);
		if (entries.some((e) => e === '+page.svelte' || e === '+server.ts')) out.push(route);
		for (const entry of entries) {
			if (statSync(path.join(folder, entry)).isDirectory())
				walk(path.join(folder, entry), `${route}/${entry}`);
		}
	};
	walk(path.join('src/routes', dir), `/${dir}`);
	return out;
}

type Who = 'anonymous' | 'member' | 'editor' | 'board' | 'admin' | 'admin_without_2fa';
// not_found: allowed through, and the record (here: a statutes file) does not exist.
type Outcome = 'ok' | 'sign_in' | 'set_up_2fa' | 'forbidden' | 'not_found';

const ALL: Record<Who, Outcome> = {
	anonymous: 'ok',
	member: 'ok',
	editor: 'ok',
	board: 'ok',
	admin: 'ok',
	admin_without_2fa: 'ok'
};
const SIGNED_IN: Record<Who, Outcome> = { ...ALL, anonymous: 'sign_in' };
// Someone else's private records: everybody signed in gets "not found".
const NOBODY: Record<Who, Outcome> = {
	anonymous: 'sign_in',
	member: 'not_found',
	editor: 'not_found',
	board: 'not_found',
	admin: 'not_found',
	admin_without_2fa: 'not_found'
};
// Board, office (editors) and admins: documents and circulars.
const OFFICE: Record<Who, Outcome> = {
	anonymous: 'sign_in',
	member: 'forbidden',
	editor: 'ok',
	board: 'ok',
	admin: 'ok',
	admin_without_2fa: 'set_up_2fa'
};
const MANAGE: Record<Who, Outcome> = {
	anonymous: 'sign_in',
	member: 'forbidden',
	editor: 'ok',
	board: 'forbidden',
	admin: 'ok',
	admin_without_2fa: 'set_up_2fa'
};

// What the policy says (src/lib/server/policy/policy.ts), written out per route.
const RULES: Record<string, Record<Who, Outcome>> = {
	'/konto': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	'/konto/zwei-faktor': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	'/konto/daten': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	'/konto/loeschen': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	'/konto/organisationen': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	'/konto/organisationen/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/konto/organisationen/[id]/beschreibung': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/konto/organisationen/[id]/team': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/verzeichnis': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/verzeichnis/antrag/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/antraege': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/antraege/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/antraege/[id]/satzung': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'not_found',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/konto/mitgliedschaft': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	'/admin/mitglieder/beitraege': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/beitraege/datei': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'not_found',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/import': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/mitglieder/export.csv': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'forbidden',
		admin_without_2fa: 'set_up_2fa'
	},
	'/konto/veranstaltungen': {
		anonymous: 'sign_in',
		member: 'ok',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'ok'
	},
	// Management of an association event (editors and admins); org admins are tested in the journey.
	'/konto/veranstaltungen/neu': MANAGE,
	'/konto/veranstaltungen/[id]': MANAGE,
	'/konto/veranstaltungen/[id]/uebersetzung': MANAGE,
	'/konto/veranstaltungen/[id]/teilnehmende': MANAGE,
	'/konto/veranstaltungen/[id]/teilnehmende.csv': MANAGE,
	'/admin/veranstaltungen': MANAGE,
	// Editorial work and the newsletter: editors and admins.
	'/admin/inhalte': MANAGE,
	'/admin/inhalte/neu': MANAGE,
	'/admin/inhalte/vorschau': MANAGE,
	'/admin/inhalte/[id]': MANAGE,
	'/admin/inhalte/[id]/uebersetzung': MANAGE,
	'/admin/inhalte/[id]/versionen': MANAGE,
	'/admin/inhalte/[id]/versionen/[rev]': MANAGE,
	'/admin/medien': MANAGE,
	// Exchange, circulars, library, volunteering.
	'/admin/austausch': MANAGE,
	'/admin/dokumente': OFFICE,
	'/admin/dokumente/[id]': OFFICE,
	'/admin/rundschreiben': OFFICE,
	'/admin/rundschreiben/[id]': OFFICE,
	'/konto/rundschreiben': SIGNED_IN,
	'/konto/rundschreiben/[id]': { ...NOBODY, editor: 'ok', board: 'ok', admin: 'ok' },
	'/konto/rundschreiben/[id]/anhang/[n]': NOBODY,
	'/konto/ehrenamt': SIGNED_IN,
	'/austausch': ALL,
	'/austausch/[id]': SIGNED_IN,
	'/austausch/fragen': SIGNED_IN,
	'/austausch/helfen': SIGNED_IN,
	'/austausch/nachrichten': SIGNED_IN,
	'/austausch/nachrichten/[id]': NOBODY,
	'/austausch/moderation': MANAGE,
	'/dokumente': ALL,
	'/dokumente/[id]': { ...OFFICE, member: 'not_found', admin_without_2fa: 'not_found' },
	// The version's file is not in storage: allowed through to "not found" (or sign in).
	'/dokumente/datei/[version]': NOBODY,
	'/ehrenamt': ALL,
	'/ehrenamt/[id]': ALL,
	'/ehrenamt/neu': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'forbidden',
		admin: 'forbidden',
		admin_without_2fa: 'forbidden'
	},
	'/admin/newsletter': MANAGE,
	'/admin/newsletter/[id]': MANAGE,
	'/admin': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/einstellungen': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/protokoll': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/benutzer': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/benutzer/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/nachrichten': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/nachrichten/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'ok',
		board: 'ok',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/postausgang': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	},
	'/admin/postausgang/[id]': {
		anonymous: 'sign_in',
		member: 'forbidden',
		editor: 'forbidden',
		board: 'forbidden',
		admin: 'ok',
		admin_without_2fa: 'set_up_2fa'
	}
};

test('every member and admin route gives each role exactly what the policy says', async ({
	request,
	baseURL
}) => {
	const routes = ['konto', 'admin', 'austausch', 'dokumente', 'ehrenamt'].flatMap(routesUnder).sort();
	expect(routes, 'a route without a rule in this matrix').toEqual(Object.keys(RULES).sort());

	const { databaseUrl } = e2eState(baseURL!);
	const client = new pg.Client(databaseUrl);
	await client.connect();
	const cookies: Partial<Record<Who, string>> = {};
	try {
		const [{ id: mailId }] = (
			await client.query(
				`insert into outbox ("to", locale, purpose, subject, text, html, status) values ('x@example.org', 'de', 'test', 'Test', 'Text', '<p>Text</p>', 'stored') returning id`
			)
		).rows;
		const [{ id: messageId }] = (
			await client.query(
				`insert into contact_messages (name, email, subject, message, locale, consent_at, consent_version) values ('A', 'a@example.org', 'Frage', 'Text', 'de', now(), 'datenschutz@1') returning id`
			)
		).rows;
		// A demo organisation (DEMO=1) and an open claim on it, for the directory routes.
		const organisationId = (await client.query('select min(id) as id from organisations')).rows[0]
			.id as number;
		const [{ id: requestId }] = (
			await client.query(
				`insert into organisation_requests (kind, organisation_id, message) values ('claim', $1, 'Test') returning id`,
				[organisationId]
			)
		).rows;
		// A membership application (its statutes file is not in storage) and a membership.
		const [{ id: applicationId }] = (
			await client.query(
				`insert into membership_applications (form, applicant_kind, name, email, locale, data, statutes_key, acknowledged_at, privacy_version)
				 values ('ordinary', 'organisation', 'Test e. V.', 't@example.org', 'de', '{}', 'applications/missing.pdf', now(), 'datenschutz@1') returning id`
			)
		).rows;
		const [{ id: membershipId }] = (
			await client.query(
				`insert into memberships (number, year, sequence, form, name, started_on, decided_on)
				 values ('T-1', 1999, 1, 'honorary', 'Test', '1999-01-01', '1999-01-01') returning id`
			)
		).rows;
		// An association event (no organisation), for the event management routes.
		const [{ id: eventId }] = (
			await client.query(
				`insert into events (type, status, title, starts_at, ends_at, municipality, district_key)
				 values ('event', 'published', 'Matrix', now() + interval '7 days', now() + interval '7 days 2 hours', 'Leipzig', '14713') returning id`
			)
		).rows;
		// A page with a saved revision, and a newsletter issue.
		const pageId = (await client.query(`select id from pages where slug = 'ziele'`)).rows[0].id as number;
		const [{ id: revisionId }] = (
			await client.query(
				`insert into page_revisions (page_id, locale, title, summary, body, source_revision) values ($1, 'de', 'Ziele', '', 'Text', 1) returning id`,
				[pageId]
			)
		).rows;
		const [{ id: issueId }] = (
			await client.query(
				`insert into newsletter_issues (texts) values ('{"de":{"subject":"Matrix","body":"Text"}}') returning id`
			)
		).rows;
		// A question, a conversation of two other people, a members' document with a version,
		// a published volunteer opportunity and a circular (without attachments).
		const [{ id: askerId }] = (
			await client.query(
				`insert into users (email, name, password_hash) values ($1, 'A', 'x') returning id`,
				[`asker-${Date.now()}@example.org`]
			)
		).rows;
		const [{ id: helperId }] = (
			await client.query(
				`insert into users (email, name, password_hash) values ($1, 'H', 'x') returning id`,
				[`helper-${Date.now()}@example.org`]
			)
		).rows;
		const [{ id: questionId }] = (
			await client.query(
				`insert into exchange_questions (author_id, topic_id, locale, title, body) select $1, id, 'de', 'Matrix', 'Frage' from exchange_topics order by id limit 1 returning id`,
				[askerId]
			)
		).rows;
		const [{ id: conversationId }] = (
			await client.query(
				`insert into exchange_conversations (question_id, asker_id, helper_id, requested_by) values ($1, $2, $3, $2) returning id`,
				[questionId, askerId, helperId]
			)
		).rows;
		const [{ id: documentId }] = (
			await client.query(`insert into documents (title, access) values ('Matrix', 'members') returning id`)
		).rows;
		const [{ id: versionId }] = (
			await client.query(
				`insert into document_versions (document_id, file_key, file_name, content_type, size) values ($1, 'documents/missing.pdf', 'm.pdf', 'application/pdf', 1) returning id`,
				[documentId]
			)
		).rows;
		const [{ id: opportunityId }] = (
			await client.query(
				`insert into volunteer_opportunities (organisation_id, title, description, district_key, status) values ($1, 'Matrix', 'Text', '14713', 'published') returning id`,
				[organisationId]
			)
		).rows;
		const [{ id: circularId }] = (
			await client.query(`insert into circulars (title, body) values ('Matrix', 'Text') returning id`)
		).rows;
		const people: [Exclude<Who, 'anonymous'>, string | null, boolean][] = [
			['member', null, false],
			['editor', 'editor', false],
			['board', 'board', true],
			['admin', 'admin', true],
			['admin_without_2fa', 'admin', false]
		];
		for (const [who, role, verified] of people) {
			const { rows } = await client.query(
				`insert into users (email, name, password_hash, email_verified_at) values ($1, $2, 'x', now()) returning id`,
				[`${who}-${Date.now()}@example.org`, who]
			);
			const userId = rows[0].id as number;
			if (role) await client.query(`insert into user_roles (user_id, role) values ($1, $2)`, [userId, role]);
			const token = randomBytes(20).toString('hex');
			await client.query(
				`insert into sessions (id, user_id, expires_at, two_factor_verified) values ($1, $2, now() + interval '1 day', $3)`,
				[createHash('sha256').update(token).digest('hex'), userId, verified]
			);
			cookies[who] = `mit_session=${token}`;
		}

		const firstUserId = (await client.query('select min(id) as id from users')).rows[0].id as number;
		for (const route of routes) {
			const special: Record<string, number> = {
				'/austausch/[id]': questionId,
				'/austausch/nachrichten/[id]': conversationId,
				'/dokumente/[id]': documentId,
				'/dokumente/datei/[version]': versionId,
				'/admin/dokumente/[id]': documentId,
				'/ehrenamt/[id]': opportunityId,
				'/konto/rundschreiben/[id]': circularId,
				'/konto/rundschreiben/[id]/anhang/[n]': circularId,
				'/admin/rundschreiben/[id]': circularId
			};
			const id =
				special[route] ??
				(route.startsWith('/admin/inhalte')
					? pageId
					: route.startsWith('/admin/newsletter')
						? issueId
						: route.startsWith('/konto/veranstaltungen')
							? eventId
							: route.startsWith('/admin/nachrichten')
								? messageId
								: route.startsWith('/admin/benutzer')
									? firstUserId
									: route.startsWith('/admin/mitglieder/antraege')
										? applicationId
										: route.startsWith('/admin/mitglieder')
											? membershipId
											: route.startsWith('/konto/organisationen')
												? organisationId
												: route.startsWith('/admin/verzeichnis')
													? requestId
													: mailId);
			const query = route.endsWith('/beschreibung') || route.endsWith('/uebersetzung') ? '?sprache=en' : '';
			const url =
				route
					.replace('[id]', String(id))
					.replace('[rev]', String(revisionId))
					.replace('[version]', String(versionId))
					.replace('[n]', '0') + query;
			for (const who of Object.keys(RULES[route]!) as Who[]) {
				const response = await request.get(url, {
					headers: { cookie: cookies[who] ?? '', 'accept-language': 'de', accept: 'text/html' },
					maxRedirects: 0
				});
				const location = response.headers()['location'] ?? '';
				const outcome: Outcome =
					response.status() === 200
						? 'ok'
						: response.status() === 403
							? 'forbidden'
							: response.status() === 404
								? 'not_found'
								: location.startsWith('/anmelden')
									? 'sign_in'
									: location.startsWith('/konto/zwei-faktor')
										? 'set_up_2fa'
										: (`unexpected ${response.status()} ${location}` as Outcome);
				expect(outcome, `${who} → ${url}`).toBe(RULES[route]![who]);
			}
		}
	} finally {
		await client.end();
	}
});
