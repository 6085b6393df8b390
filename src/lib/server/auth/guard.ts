import { error } from '@sveltejs/kit';
import type { Principal, UserPrincipal, UserRole } from './policy';

/**
 * For load functions and form actions: the signed-in user with one of `roles`, else 403.
 * The hook has already applied the route table; this repeats the check where data changes,
 * so an action never relies on the page that posted to it.
 */
export function requireRole(principal: Principal, ...roles: UserRole[]): UserPrincipal {
	if (principal.kind !== 'user' || !roles.includes(principal.role)) error(403, 'forbidden');
	return principal;
}

/** A `next` parameter that stays on this site (no scheme, no protocol-relative //host). */
export function safeNext(next: string | null, fallback: string): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return fallback;
	return next;
}

/** Form field as a trimmed string ('' when absent or a file). */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}
