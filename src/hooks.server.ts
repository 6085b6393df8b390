import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { htmlLang, parseLang } from '$lib/i18n';

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

export const handle = sequence(securityHeaders, i18n);
