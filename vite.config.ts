import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevPlugin } from './server/dev-plugin.ts';

const integration = (db: 'pglite' | 'postgres') => ({
	extends: true as const,
	test: {
		name: `int-${db}`,
		include: ['tests/integration/**/*.int.test.ts'],
		environment: 'node',
		env: { FENGHUO_TEST_DB: db },
		globalSetup: ['tests/integration/global-setup.ts'],
		testTimeout: 120_000,
		hookTimeout: 60_000
	}
});

export default defineConfig({
	plugins: [sveltekit(), realtimeDevPlugin()],
	server: { port: Number(process.env.PORT ?? 5173) },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node'
				}
			},
			integration('pglite'),
			integration('postgres')
		]
	}
});
