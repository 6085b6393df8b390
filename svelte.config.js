import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// CSRF origin checks stay on; ORIGIN is set by server/index.ts from HOST/PORT by default.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
