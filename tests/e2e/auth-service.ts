// Test-side re-exports of the accounts module (plain TypeScript, no SvelteKit imports).
export { AuthService } from '../../src/lib/server/auth/service';
export type { NewUser as NewUserInput } from '../../src/lib/server/auth/service';
export { cookieNames } from '../../src/lib/server/auth/cookies';
