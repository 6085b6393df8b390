/**
 * Cookie names. `__Host-` cookies must be Secure (HTTPS only), so over plain http (development,
 * tests) the same cookies go without the prefix: `fh_session` / `fh_display`. Decided by the
 * public origin's scheme (ORIGIN).
 */
export function cookieNames(origin: string): { session: string; display: string; secure: boolean } {
	const secure = origin.startsWith('https:');
	return secure
		? { session: '__Host-fh_session', display: '__Host-fh_display', secure }
		: { session: 'fh_session', display: 'fh_display', secure };
}

/** A cookie's value from a raw Cookie header (sockets have no SvelteKit `cookies`). */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const i = part.indexOf('=');
		if (i > 0 && part.slice(0, i).trim() === name) {
			try {
				return decodeURIComponent(part.slice(i + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

/** Display credentials last ten years: a wall is never signed out overnight, only revoked. */
export const DISPLAY_COOKIE_MAX_AGE = 10 * 365 * 24 * 3600;
