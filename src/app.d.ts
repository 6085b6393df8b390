// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			lang: 'zh' | 'en';
			/** Who is asking: set by the session hook on every request. */
			principal: import('$lib/server/auth/policy').Principal;
		}
	}
}

export {};
