import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

test.describe('platform', () => {
	test('/healthz reports the embedded database', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok', database: { kind: 'pglite', ok: true } });
	});

	test('pages carry the security headers', async ({ request }) => {
		const response = await request.get('/ziele', { headers: { 'accept-language': 'de' } });
		const headers = response.headers();
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(headers['content-security-policy']).toContain("script-src 'self'");
		expect(headers['content-security-policy']).not.toContain('unsafe-inline');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		// Served over plain http here: no HSTS (it is sent over https only).
		expect(headers['strict-transport-security']).toBeUndefined();
		expect(headers['set-cookie']).toBeUndefined();
	});

	test('a page the browser already has is answered with 304 and no body', async ({ request }) => {
		const headers = { accept: 'text/html', 'accept-language': 'de' };
		const first = await request.get('/grundsatzpositionen', { headers });
		const etag = first.headers()['etag'];
		expect(etag).toBeTruthy();
		// The second request is answered from the page cache, which honours the ETag.
		await request.get('/grundsatzpositionen', { headers });
		const again = await request.get('/grundsatzpositionen', {
			headers: { ...headers, 'if-none-match': etag! }
		});
		expect(again.status()).toBe(304);
		expect((await again.body()).length).toBe(0);
	});

	test('form posts from the same origin pass the CSRF check on plain http; cross-site posts do not', async ({
		request,
		baseURL
	}) => {
		const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'a=1' };
		const sameOrigin = await request.post('/ziele', {
			...form,
			headers: { ...form.headers, origin: baseURL! }
		});
		// No action on this page: 405, not the CSRF 403.
		expect(sameOrigin.status()).toBe(405);
		const crossSite = await request.post('/ziele', {
			...form,
			headers: { ...form.headers, origin: 'https://evil.example' }
		});
		expect(crossSite.status()).toBe(403);
		// A client cannot talk its way to https with a forged proxy header either.
		const forged = await request.post('/ziele', {
			...form,
			headers: {
				...form.headers,
				origin: baseURL!.replace('http:', 'https:'),
				'x-miteinander-proto': 'https',
				'x-forwarded-proto': 'https'
			}
		});
		expect(forged.status()).toBe(403);
	});

	test('an unknown page gives a translated 404 with the site around it', async ({ page }) => {
		const response = await page.goto('/ar/gibt-es-nicht');
		expect(response?.status()).toBe(404);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('main')).not.toContainText('Not Found');
		await expect(page.locator('footer')).toBeVisible();
	});

	test('the language switch refuses to redirect off-site', async ({ request }) => {
		const response = await request.get('/sprache/en?next=//evil.example/x', { maxRedirects: 0 });
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe('/en');
	});

	test('the server shuts down within seconds on SIGTERM', async () => {
		test.setTimeout(60_000);
		const dir = mkdtempSync(path.join(os.tmpdir(), 'miteinander-shutdown-'));
		const port = 4191;
		const server = spawn(process.execPath, ['scripts/serve.mjs'], {
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				DATA_DIR: path.join(dir, 'db'),
				LOG_LEVEL: 'silent'
			},
			stdio: 'ignore'
		});
		try {
			await expect
				.poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, {
					timeout: 45_000
				})
				.toBe(200);
			const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
			const t0 = Date.now();
			server.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(Date.now() - t0).toBeLessThan(5_000);
		} finally {
			server.kill('SIGKILL');
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
