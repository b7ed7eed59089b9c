import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import sharp from 'sharp';
import { e2eState, waitForMail } from './mail.ts';
import { pageFor, personWithSession } from './sessions.ts';
import { expectNoAxeViolations } from './support.ts';

// Runs on the PostgreSQL instance. People are created in the database with a session cookie:
// signing in is tested elsewhere; this is about the directory.

/** Saves the profile form and waits for the server's answer (the status text may be there already). */
async function save(page: Page) {
	const answered = page.waitForResponse((r) => r.url().includes('?/save') && r.request().method() === 'POST');
	await page.locator('form[action="?/save"] button[type=submit]').click();
	expect((await answered).ok()).toBe(true);
	await expect(page.locator('[role=status]')).toContainText('Gespeichert');
}

test('a proposal goes through editor review; its admin edits the profile and hides the phone from the public', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const client = new pg.Client(e2eState(baseURL!).databaseUrl);
	await client.connect();
	try {
		const proposer = await personWithSession(client, 'proposer', null);
		const editor = await personWithSession(client, 'editor', 'editor');
		const member = await personWithSession(client, 'member', null);
		// The member works in a demo organisation that is a member of the association.
		await client.query(
			`insert into organisation_roles (organisation_id, user_id, role) select id, $1, 'org_member' from organisations where is_member order by id limit 1`,
			[member.id]
		);

		// 1. Someone proposes an actor; a hostile name stays text everywhere.
		const name = `Brücke Plauen <img src=x onerror="window.__xss=1">`;
		const p = await pageFor(browser, baseURL!, proposer.cookie);
		await p.goto('/verzeichnis/vorschlagen');
		await expectNoAxeViolations(p);
		await p.fill('input[name=name]', name);
		await p.fill('input[name=municipality]', 'Plauen');
		await p.fill('input[name=postalCode]', '8523');
		await p.check('input[name=languages][value=ar]');
		await p.check('input[name=fields][value=education]');
		await p.locator('main form button[type=submit]').click();
		// Bad input: translated messages beside the fields, nothing typed is lost.
		await expect(p.locator('#field-districtKey-error')).toBeVisible();
		await expect(p.locator('#field-postalCode-error')).toBeVisible();
		await expect(p.locator('input[name=name]')).toHaveValue(name);
		await expect(p.locator('input[name=languages][value=ar]')).toBeChecked();
		await expect(p.locator('input[name=fields][value=education]')).toBeChecked();
		await p.selectOption('select[name=kind]', 'migrant_organisation');
		await p.selectOption('select[name=districtKey]', '14523');
		await p.fill('input[name=postalCode]', '08523');
		await p.fill('input[name=phone]', '+49 341 39987 555');
		await p.fill('textarea[name=description]', 'Wir begleiten Familien aus Syrien beim Ankommen in Plauen.');
		await p.check('input[name=wantsAdmin]');
		await p.locator('main form button[type=submit]').click();
		await expect(p).toHaveURL(
			/\/verzeichnis\/bruecke-plauen-img-src-x-onerror-window-xss-1\?vorgeschlagen=1$/
		);
		await expect(p.locator('h1')).toHaveText(name);
		await expect(p.locator('.notice.warning')).toContainText('wird geprüft');
		const slugPath = new URL(p.url()).pathname;
		// Not public yet.
		const visitor = await pageFor(browser, baseURL!, null);
		expect((await visitor.goto(slugPath))?.status()).toBe(404);

		// 2. The editor reviews it: everything shown as text, then approves.
		const e = await pageFor(browser, baseURL!, editor.cookie);
		await e.goto('/admin');
		await e.getByRole('link', { name: /Im Verzeichnis warten Anfragen auf Prüfung: \d+/ }).click();
		await expect(e).toHaveURL(/\/admin\/verzeichnis$/);
		await expectNoAxeViolations(e);
		await e.getByRole('link', { name: new RegExp(`Vorschlag: Brücke Plauen`) }).click();
		await expect(e.locator('h1')).toContainText('<img src=x');
		expect(await e.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		await expect(e.locator('main img')).toHaveCount(0);
		await expectNoAxeViolations(e);
		await e.check('input[name=decision][value=approve]');
		await e.fill('textarea[name=note]', 'Willkommen im Verzeichnis!');
		await e.locator('main form button[type=submit]').click();
		await expect(e.locator('[role=status]')).toContainText('Angenommen');
		await waitForMail(baseURL!, proposer.email, /Willkommen im Verzeichnis!/);

		// 3. Public now; the phone is members-only by default.
		await visitor.goto(slugPath);
		await expect(visitor.locator('h1')).toHaveText(name);
		await expect(visitor.locator('a[href^="tel:"]')).toHaveCount(0);

		// 4. The proposer, now the profile's admin, makes the phone public …
		await p.goto('/konto/organisationen');
		await p.getByRole('link', { name: 'Profil bearbeiten' }).click();
		await p.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectNoAxeViolations(p);
		await p.selectOption('select[name=visibility_phone]', 'public');
		await save(p);
		await visitor.reload();
		await expect(visitor.locator('a[href^="tel:"]')).toHaveText('+49 341 39987 555');

		// … then hides it again: the public no longer sees it, members of the association still do.
		await p.selectOption('select[name=visibility_phone]', 'members');
		await save(p);
		await visitor.reload();
		await expect(visitor.locator('a[href^="tel:"]')).toHaveCount(0);
		const m = await pageFor(browser, baseURL!, member.cookie);
		await m.goto(slugPath);
		await expect(m.locator('a[href^="tel:"]')).toHaveText('+49 341 39987 555');

		// A Farsi translation of the description, written beside the German source (right to left).
		const editPath = new URL(p.url()).pathname;
		await p.goto('/konto/organisationen');
		await expectNoAxeViolations(p);
		await p.goto(`${editPath}/beschreibung?sprache=fa`);
		await expect(p.locator('textarea[name=body]')).toHaveAttribute('dir', 'rtl');
		await expectNoAxeViolations(p);
		await p.fill('textarea[name=body]', 'ما به خانواده‌های سوری در پلاون کمک می‌کنیم.');
		await p.locator('main form button[type=submit]').click();
		await expect(p.locator('[role=status]')).toContainText('Gespeichert');
		await visitor.goto(`/fa${slugPath}`);
		await expect(visitor.locator('.description')).toHaveAttribute('dir', 'rtl');
		await expect(visitor.locator('.description')).toContainText('پلاون');
		await p.goto(editPath);

		// The member claims another profile: an empty reason is refused with a message, then sent.
		await m.goto('/verzeichnis/kalyna-grimma/beanspruchen');
		await m.locator('main form button[type=submit]').click();
		await expect(m.locator('#field-message-error')).toBeVisible();
		await expectNoAxeViolations(m);
		await m.fill('textarea[name=message]', 'Ich bin im Vorstand des Vereins.');
		await m.locator('main form button[type=submit]').click();
		await expect(m.locator('[role=status]')).toBeVisible();

		// 5. The admin invites a colleague (here: the member's account); the mailed link works once.
		await p.goto(`${editPath}/team`);
		await expectNoAxeViolations(p);
		await p.fill('input[name=email]', member.email);
		await p.locator('form[action="?/invite"] button[type=submit]').click();
		await expect(p.locator('[role=status]')).toContainText(member.email);
		const invitation = await waitForMail(baseURL!, member.email, /einladung\?token=/);
		const link = new URL(/https?:\/\/\S+einladung\?token=\S+/.exec(invitation.text)![0]);
		// Signed out, the link leads to sign-in and back.
		await visitor.goto(link.pathname + link.search);
		await expect(visitor).toHaveURL(/\/anmelden\?next=%2Feinladung%3Ftoken%3D/);
		await m.goto(link.pathname + link.search);
		await expectNoAxeViolations(m);
		await m.locator('main form button[type=submit]').click();
		await expect(m).toHaveURL(/\/konto\/organisationen\/\d+\/team$/);
		await expect(m.locator('.team li')).toHaveCount(2);
		await p.goto(p.url().replace(/\/team$/, ''));

		// 6. A logo: re-encoded on the server and served from our own origin.
		const png = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#2a6f97' } })
			.png()
			.toBuffer();
		await p.setInputFiles('input[name=logo]', { name: 'logo.png', mimeType: 'image/png', buffer: png });
		await p.locator('form[action="?/logo"] button[type=submit]').click();
		await expect(p.locator('[role=status]')).toContainText('Logo');
		await visitor.goto(slugPath);
		const src = await visitor.locator('.profile header img').getAttribute('src');
		const logo = await visitor.request.get(src!);
		expect(logo.headers()['content-type']).toBe('image/webp');
		// An SVG is refused with a translated message.
		await p.setInputFiles('input[name=logo]', {
			name: 'logo.svg',
			mimeType: 'image/svg+xml',
			buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
		});
		await p.locator('form[action="?/logo"] button[type=submit]').click();
		await expect(p.locator('[role=alert]')).toContainText('JPEG');
	} finally {
		await client.end();
	}
});
