import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { openDatabase } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events/store';
import { PROJECTORS } from '../../src/lib/server/projections';
import { INC, PRINCIPALS, ROUTES, type PrincipalKey, type RouteCase } from '../authz/expected';
import { discoverRoutes } from '../authz/routes';
import { buildWorld } from '../authz/world';
import { AuthService } from './auth-service';
import { expect, test } from './fixtures';

test.use({ signedIn: false });

type Outcome = 'ok' | 'refused' | `unexpected ${number} ${string}`;

async function attempt(
	base: string,
	origin: string,
	c: RouteCase,
	cookie: string | undefined
): Promise<Outcome> {
	const method = c.method ?? 'GET';
	const form = c.path === '/logout';
	const res = await fetch(`${base}${c.path}`, {
		method,
		redirect: 'manual',
		headers: {
			accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
			...(cookie ? { cookie } : {}),
			...(method === 'POST'
				? {
						origin,
						'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json'
					}
				: {})
		},
		...(method === 'POST' ? { body: form ? '' : '{}' } : {})
	});
	await res.arrayBuffer();
	if (res.status === (c.ok ?? 200)) return 'ok';
	const location = res.headers.get('location') ?? '';
	if ([401, 403, 404].includes(res.status)) return 'refused';
	if (res.status === 303 && /^\/(login|revoked)(\?|$)/.test(location)) return 'refused';
	return `unexpected ${res.status} ${location}`;
}

test('authorization matrix: every route × every principal, against the expected table', async ({
	app
}) => {
	test.setTimeout(180_000);
	const missing = discoverRoutes().filter((id) => !(id in ROUTES));
	expect(missing, 'routes without an entry in tests/authz/expected.ts').toEqual([]);

	const database = await openDatabase({ url: app.env.DATABASE_URL, max: 2 });
	let cookies: Record<PrincipalKey, string | undefined>;
	const tokens: Record<'hq' | 'other' | 'revoked', string> = { hq: '', other: '', revoked: '' };
	try {
		const store = new EventStore(database, {
			catalog: EVENT_CATALOG,
			chainKey: Buffer.from(app.env.FENGHUO_CHAIN_KEY!, 'hex'),
			projectors: PROJECTORS
		});
		const auth = new AuthService(database.db, store);
		cookies = await buildWorld(auth, store, app.url);
		const issue = async (orgId: string) => {
			const issued = await auth.issueApiToken({ orgId, name: `matrix ${orgId}` }, 'authz-admin');
			if (!issued.ok) throw new Error(JSON.stringify(issued.errors));
			return issued.value;
		};
		tokens.hq = (await issue('org-authz-soe')).token;
		tokens.other = (await issue('org-authz-other')).token;
		const revoked = await issue('org-authz-soe-sub');
		await auth.revokeApiToken(revoked.id, 'authz-admin');
		tokens.revoked = revoked.token;
	} finally {
		await database.close();
	}

	// The API takes per-organisation tokens: a central SOE's HQ reads its subsidiary's incident,
	// another organisation gets "no such incident", a revoked token is not a token.
	const api = (token: string) =>
		fetch(`${app.url}/api/v1/incidents/${INC}`, { headers: { authorization: `Bearer ${token}` } });
	expect((await api(tokens.hq)).status).toBe(200);
	expect((await api(tokens.other)).status).toBe(404);
	expect((await api(tokens.revoked)).status).toBe(401);

	const leaks: string[] = [];
	const wrongRefusals: string[] = [];
	const unexpected: string[] = [];
	// Signing out ends the session: those requests go last.
	const entries = Object.entries(ROUTES).sort(
		([a], [b]) => Number(a === '/logout') - Number(b === '/logout')
	);
	for (const [, cases] of entries) {
		for (const c of cases) {
			for (const who of PRINCIPALS) {
				// The server's ORIGIN (SvelteKit's CSRF check compares form posts' Origin with it).
				const origin = `http://127.0.0.1:${app.port}`;
				const outcome = await attempt(app.url, origin, c, cookies[who]);
				const label = `${who} ${c.method ?? 'GET'} ${c.path}`;
				if (outcome === 'ok' && !c.allow.includes(who)) leaks.push(label);
				else if (outcome === 'refused' && c.allow.includes(who)) wrongRefusals.push(label);
				else if (outcome !== 'ok' && outcome !== 'refused') unexpected.push(`${label}: ${outcome}`);
			}
		}
	}
	expect(unexpected).toEqual([]);
	expect(leaks).toEqual([]);
	expect(wrongRefusals).toEqual([]);
});
