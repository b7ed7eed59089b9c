import { defineConfig, devices } from '@playwright/test';

const PGLITE_PORT = 4173;
const POSTGRES_PORT = 4174;

// Debian's Chromium: Playwright cannot download its own browser here. The flags keep it from
// calling home (the network is closed) — see STACK-NOTES.
const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 30_000,
	use: {
		launchOptions: chromium,
		locale: 'de-DE',
		trace: 'off'
	},
	projects: [
		{
			name: 'pglite',
			testIgnore: /postgres(-[a-z]+)?\.spec\.ts/,
			use: {
				...devices['Desktop Chrome'],
				baseURL: `http://localhost:${PGLITE_PORT}`,
				launchOptions: chromium
			}
		},
		{
			name: 'postgres',
			testMatch: /postgres(-[a-z]+)?\.spec\.ts/,
			use: {
				...devices['Desktop Chrome'],
				baseURL: `http://localhost:${POSTGRES_PORT}`,
				launchOptions: chromium
			}
		}
	],
	webServer: [
		{
			// The built app, as `npm start` runs it, on a fresh embedded database.
			command: `node tests/support/e2e-server.mjs pglite ${PGLITE_PORT}`,
			url: `http://localhost:${PGLITE_PORT}/healthz`,
			timeout: 120_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
		},
		{
			// The same build on a throwaway PostgreSQL server.
			command: `node tests/support/e2e-server.mjs postgres ${POSTGRES_PORT}`,
			url: `http://localhost:${POSTGRES_PORT}/healthz`,
			timeout: 120_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
		}
	]
});
