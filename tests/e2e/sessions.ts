import type { Browser } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * A person created directly in the database with a session cookie, for journeys that are not
 * about signing in (that is tested in accounts.spec.ts). Board members get a session that has
 * passed the second factor.
 */
export async function personWithSession(
	client: pg.Client,
	who: string,
	role: 'editor' | 'board' | null,
	locale = 'de',
	email = `${who}-${Date.now()}-${randomBytes(3).toString('hex')}@example.org`
): Promise<{ id: number; email: string; cookie: string }> {
	const { rows } = await client.query(
		`insert into users (email, name, password_hash, email_verified_at, locale) values ($1, $2, 'x', now(), $3) returning id`,
		[email, who, locale]
	);
	const id = rows[0].id as number;
	if (role) await client.query(`insert into user_roles (user_id, role) values ($1, $2)`, [id, role]);
	const token = randomBytes(20).toString('hex');
	await client.query(
		`insert into sessions (id, user_id, expires_at, two_factor_verified) values ($1, $2, now() + interval '1 day', $3)`,
		[createHash('sha256').update(token).digest('hex'), id, role === 'board']
	);
	return { id, email, cookie: token };
}

/** A page in a fresh browser context, signed in with the cookie (or anonymous). */
export async function pageFor(
	browser: Browser,
	baseURL: string,
	cookie: string | null,
	options: { locale?: string; javaScriptEnabled?: boolean } = {}
) {
	const context = await browser.newContext({
		locale: options.locale ?? 'de-DE',
		baseURL,
		javaScriptEnabled: options.javaScriptEnabled ?? true
	});
	if (cookie) await context.addCookies([{ name: 'mit_session', value: cookie, url: baseURL }]);
	const page = await context.newPage();
	if (options.javaScriptEnabled ?? true) {
		// Interactive pages hydrate after load; a field filled before that can be reset by hydration.
		// Waiting for the network to settle means the page's scripts have run.
		const goto = page.goto.bind(page);
		page.goto = (url, gotoOptions) => goto(url, { waitUntil: 'networkidle', ...gotoOptions });
	}
	return page;
}
