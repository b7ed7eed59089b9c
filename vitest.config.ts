import { defineConfig } from 'vitest/config';

// Server code and pure logic only; pages are tested in a real browser (playwright.config.ts).
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/support/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// PGlite instances are memory-hungry; two files at a time suit 2-core machines.
					maxWorkers: 2
				}
			}
		]
	}
});
