import { env } from '../config/env';
import { getEventStore } from '../events/app';
import { cookieNames as cookieNamesFor } from './cookies';
import { AuthService } from './service';

export { DISPLAY_COOKIE_MAX_AGE, readCookie } from './cookies';

export * from './policy';
export { AuthService, DEFAULT_AUTH_CONFIG } from './service';
export type { AuthConfig, Clock, CredentialState, FieldErrors, Outcome, UserRow } from './service';

let service: Promise<AuthService> | undefined;

/** This module copy's auth service over the process's database (see db/index.ts). */
export function getAuth(): Promise<AuthService> {
	service ??= (async () => {
		const e = env();
		const store = await getEventStore();
		return new AuthService(store.database.db, store, () => new Date(), {
			idleMs: e.FENGHUO_SESSION_IDLE_MIN * 60_000,
			absoluteMs: e.FENGHUO_SESSION_ABSOLUTE_H * 3600_000
		});
	})();
	service.catch(() => (service = undefined));
	return service;
}

/**
 * The processor organisation behind `Authorization: Bearer fh_…` (a per-organisation API token
 * issued at /admin/tokens), as src/lib/server/api's `ApiCaller`; null when missing, unknown or
 * revoked.
 */
export async function authenticateApiToken(request: Request) {
	return (await getAuth()).authenticateApiToken(request);
}

/** Cookie names for this server's ORIGIN (see cookies.ts). */
export function cookieNames(origin: string = env().ORIGIN) {
	return cookieNamesFor(origin);
}
