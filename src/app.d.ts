// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/auth/policy';

declare global {
	namespace App {
		interface Locals {
			lang: 'zh' | 'en';
			/** Who is asking: set by the session hook on every request. */
			principal: Principal;
		}
	}
}

export {};
