import { error, json, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { htmlLang, parseLang } from '$lib/i18n';
import { ANONYMOUS, cookieNames, decideRoute, getAuth, type Principal } from '$lib/server/auth';
import { bootstrapAccounts } from '$lib/server/auth/bootstrap';
import { env } from '$lib/server/config/env';
import { logger } from '$lib/server/log';

/** First administrator, and demo accounts in demo mode. */
export const init: ServerInit = async () => {
	await bootstrapAccounts(await getAuth(), env());
};

/**
 * Who is asking (session cookie, else display credential), then the one policy table
 * (src/lib/server/auth/policy.ts) decides whether this route, form action or endpoint may be
 * used. Load functions and actions read `locals.principal` for finer, per-object decisions.
 */
const session: Handle = async ({ event, resolve }) => {
	const auth = await getAuth();
	const names = cookieNames();
	let principal: Principal = ANONYMOUS;
	let displayRevoked = false;
	const token = event.cookies.get(names.session);
	if (token) {
		const valid = await auth.validateSession(token);
		if (valid) {
			principal = valid.principal;
		} else {
			event.cookies.delete(names.session, { path: '/', secure: names.secure });
		}
	}
	const displayToken =
		principal.kind === 'anonymous' ? event.cookies.get(names.display) : undefined;
	if (displayToken) {
		const valid = await auth.validateDisplay(displayToken);
		if (valid && 'principal' in valid) principal = valid.principal;
		else if (valid) displayRevoked = true;
		else event.cookies.delete(names.display, { path: '/', secure: names.secure });
	}
	event.locals.principal = principal;

	const routeId = event.route.id;
	if (routeId === null) return resolve(event); // no such route: SvelteKit answers 404
	const decision = decideRoute(principal, routeId, event.params);
	if (decision.ok) return resolve(event);
	if (displayRevoked) redirect(303, '/revoked');
	const isPage = event.request.headers.get('accept')?.includes('text/html') || event.isDataRequest;
	if (decision.status === 401) {
		if (isPage || event.request.method !== 'GET')
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		return json({ error: { code: 'unauthorized', message: 'sign in first' } }, { status: 401 });
	}
	logger('auth').warn({ principal: principal.id, route: routeId }, 'permission denied');
	await auth.audit({
		type: 'PermissionDenied',
		data: { by: principal.id, target: routeId, method: event.request.method }
	});
	error(403, 'forbidden');
};

/** Language: `?lang=en|zh` (remembered in a cookie), else the cookie, else Simplified Chinese. */
const i18n: Handle = async ({ event, resolve }) => {
	const fromQuery = parseLang(event.url.searchParams.get('lang'));
	if (fromQuery) {
		event.cookies.set('lang', fromQuery, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 31536000
		});
	}
	event.locals.lang = fromQuery ?? parseLang(event.cookies.get('lang')) ?? 'zh';
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', htmlLang(event.locals.lang))
	});
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

export const handle = sequence(securityHeaders, i18n, session);
