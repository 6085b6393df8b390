import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import {
	bootstrapAccounts,
	DEMO_ACCOUNTS,
	DEMO_PASSWORD
} from '../../src/lib/server/auth/bootstrap';
import { AuthService } from '../../src/lib/server/auth/service';
import { parseEnv } from '../../src/lib/server/config/env';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

let t: TestDatabase;
let db: Database;
let store: EventStore;
let auth: AuthService;

describe(`start-up accounts (${TEST_DB})`, () => {
	beforeEach(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, { catalog: EVENT_CATALOG, chainKey: CHAIN_KEY });
		auth = new AuthService(db.db, store);
	});
	afterEach(async () => {
		await t.close();
	});

	it('creates the first administrator from the environment once, and writes nothing to the log', async () => {
		const env = parseEnv({
			FENGHUO_ADMIN_USER: 'root-admin',
			FENGHUO_ADMIN_PASSWORD: 'a-long-admin-password',
			FENGHUO_DEMO: 'off'
		});
		await bootstrapAccounts(auth, env);
		await bootstrapAccounts(auth, { ...env, FENGHUO_ADMIN_USER: 'second-admin' });
		expect((await auth.listUsers()).map((u) => [u.username, u.role])).toEqual([
			['root-admin', 'admin']
		]);
		expect((await auth.login('root-admin', 'a-long-admin-password')).ok).toBe(true);
		// Only the sign-in is audited: the demo may still start on this log.
		expect((await store.read(0)).map((e) => e.type)).toEqual(['LoginSucceeded']);
		expect(() => parseEnv({ FENGHUO_ADMIN_USER: 'root-admin' })).toThrow(/FENGHUO_ADMIN_PASSWORD/);
		expect(() =>
			parseEnv({ FENGHUO_ADMIN_USER: 'root-admin', FENGHUO_ADMIN_PASSWORD: 'short' })
		).toThrow(/FENGHUO_ADMIN_PASSWORD/);
	});

	it('seeds one demo account per role and a national display in demo mode', async () => {
		const env = parseEnv({ FENGHUO_DEMO: 'on' });
		await bootstrapAccounts(auth, env);
		await bootstrapAccounts(auth, env);
		const users = await auth.listUsers();
		expect(users.map((u) => u.username).sort()).toEqual(
			DEMO_ACCOUNTS.map((a) => a.username).sort()
		);
		expect(new Set(users.map((u) => u.role))).toEqual(
			new Set(['ministry', 'regulator', 'processor', 'agency', 'admin'])
		);
		for (const a of DEMO_ACCOUNTS)
			expect((await auth.login(a.username, DEMO_PASSWORD)).ok).toBe(true);
		const displays = await auth.listDisplays();
		expect(displays.map((d) => d.region)).toEqual(['national']);
	});
});
