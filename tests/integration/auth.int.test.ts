import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { AuthService } from '../../src/lib/server/auth/service';
import type { Database } from '../../src/lib/server/db/client';
import { sessions, users } from '../../src/lib/server/db/schema';
import { EventStore } from '../../src/lib/server/events';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

const PASSWORD = 'correct-horse-battery';
const MIN = 60_000;

let t: TestDatabase;
let db: Database;
let store: EventStore;
let auth: AuthService;
let now: number;
const advance = (ms: number) => (now += ms);

async function auditTypes(): Promise<{ type: string; payload: Record<string, unknown> }[]> {
	return (await store.read(0, 10_000))
		.filter((e) => e.streamId.startsWith('audit-'))
		.map((e) => ({ type: e.type, payload: e.payload }));
}

async function newUser(
	username: string,
	role: 'ministry' | 'regulator' | 'processor' = 'ministry'
) {
	const made = await auth.createUser(
		{
			username,
			displayName: username,
			role,
			password: PASSWORD,
			...(role === 'regulator' ? { region: '440000', sector: 'telecom' } : {}),
			...(role === 'processor' ? { orgId: 'org-1' } : {})
		},
		'admin-1'
	);
	if (!made.ok) throw new Error(JSON.stringify(made.errors));
	return made.value;
}

describe(`accounts and sessions (${TEST_DB})`, () => {
	beforeEach(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, { catalog: EVENT_CATALOG, chainKey: CHAIN_KEY });
		now = Date.parse('2026-11-20T01:00:00.000Z');
		auth = new AuthService(db.db, store, () => new Date(now));
	});
	afterEach(async () => {
		await t.close();
	});

	it('issues a new random token at every login and stores only its SHA-256', async () => {
		const user = await newUser('min-a');
		const a = await auth.login('min-a', PASSWORD);
		const b = await auth.login('min-a', PASSWORD);
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect(a.token).not.toBe(b.token);
		expect(a.token).toMatch(/^[a-z2-7]{32}$/);
		const stored = await db.db.select().from(sessions);
		expect(stored.map((s) => s.id)).not.toContain(a.token);
		expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
		expect((await auth.validateSession(a.token))?.principal.id).toBe(user.id);
		// Signing out one session leaves the other.
		await auth.logout(a.token);
		expect(await auth.validateSession(a.token)).toBeNull();
		expect((await auth.validateSession(b.token))?.principal.id).toBe(user.id);
		const types = (await auditTypes()).map((e) => e.type);
		expect(types).toEqual(['UserCreated', 'LoginSucceeded', 'LoginSucceeded', 'LoggedOut']);
	});

	it('ends a session after 30 idle minutes, and audits it', async () => {
		await newUser('min-b');
		const login = await auth.login('min-b', PASSWORD);
		if (!login.ok) throw new Error('login');
		advance(29 * MIN);
		expect(await auth.validateSession(login.token)).not.toBeNull(); // activity resets the timer
		advance(29 * MIN);
		expect(await auth.validateSession(login.token)).not.toBeNull();
		advance(30 * MIN);
		expect(await auth.validateSession(login.token)).toBeNull();
		expect(await auth.validateSession(login.token)).toBeNull();
		const expired = (await auditTypes()).filter((e) => e.type === 'SessionExpired');
		expect(expired.map((e) => e.payload.reason)).toEqual(['idle_timeout']);
	});

	it('ends a session 12 hours after login however active', async () => {
		await newUser('min-c');
		const login = await auth.login('min-c', PASSWORD);
		if (!login.ok) throw new Error('login');
		for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
			advance(20 * MIN);
			expect(await auth.validateSession(login.token)).not.toBeNull();
		}
		advance(20 * MIN);
		expect(await auth.validateSession(login.token)).toBeNull();
		const expired = (await auditTypes()).filter((e) => e.type === 'SessionExpired');
		expect(expired.map((e) => e.payload.reason)).toEqual(['absolute_timeout']);
	});

	it('locks an account for 15 minutes after 5 failures in 15 minutes, with the same answer as an unknown user', async () => {
		await newUser('min-d');
		const unknown = await auth.login('nobody-here', PASSWORD);
		const wrong = await auth.login('min-d', 'wrong-password-1');
		expect(unknown).toEqual({ ok: false });
		expect(wrong).toEqual({ ok: false });
		for (let i = 0; i < 4; i++) {
			advance(MIN);
			expect(await auth.login('min-d', `wrong-password-${i}`)).toEqual({ ok: false });
		}
		// Locked: even the right password gets the very same answer.
		expect(await auth.login('min-d', PASSWORD)).toEqual({ ok: false });
		advance(14 * MIN);
		expect(await auth.login('min-d', PASSWORD)).toEqual({ ok: false });
		advance(2 * MIN);
		const ok = await auth.login('min-d', PASSWORD);
		expect(ok.ok).toBe(true);

		const audit = await auditTypes();
		const failed = audit.filter((e) => e.type === 'LoginFailed').map((e) => e.payload.reason);
		expect(failed).toEqual([
			'bad_credentials',
			'bad_credentials',
			'bad_credentials',
			'bad_credentials',
			'bad_credentials',
			'bad_credentials',
			'locked',
			'locked'
		]);
		expect(audit.filter((e) => e.type === 'AccountLocked')).toHaveLength(1);
		// Never a password in the log.
		const text = JSON.stringify(await store.read(0, 10_000));
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toContain('wrong-password');
	});

	it('spreads-out failures do not lock (window of 15 minutes)', async () => {
		await newUser('min-e');
		for (let i = 0; i < 8; i++) {
			expect(await auth.login('min-e', 'not-the-password')).toEqual({ ok: false });
			advance(4 * MIN);
		}
		expect((await auth.login('min-e', PASSWORD)).ok).toBe(true);
	});

	it('disabling an account kills its sessions and refuses its logins', async () => {
		const user = await newUser('proc-f', 'processor');
		const login = await auth.login('proc-f', PASSWORD);
		if (!login.ok) throw new Error('login');
		const sessionId = (await auth.validateSession(login.token))!.principal.sessionId;
		expect(await auth.setDisabled(user.id, true, 'admin-1')).toEqual({ ok: true, value: null });
		expect(await auth.validateSession(login.token)).toBeNull();
		expect((await auth.credentialStates([sessionId], [])).get(sessionId)).toBe('signed_out');
		expect(await auth.login('proc-f', PASSWORD)).toEqual({ ok: false });
		const audit = await auditTypes();
		expect(audit.find((e) => e.type === 'UserDisabled')?.payload.sessionsKilled).toBe(1);
		expect(audit.at(-1)).toMatchObject({ type: 'LoginFailed', payload: { reason: 'disabled' } });
	});

	it("changing an account's scope ends its sessions; renaming it does not", async () => {
		const user = await newUser('reg-scope', 'regulator');
		const login = await auth.login('reg-scope', PASSWORD);
		if (!login.ok) throw new Error('login');
		const renamed = await auth.updateUser(
			user.id,
			{ displayName: '广东通信管理局', role: 'regulator', region: '440000', sector: 'telecom' },
			'admin-1'
		);
		expect(renamed.ok).toBe(true);
		expect(await auth.validateSession(login.token)).not.toBeNull();
		const moved = await auth.updateUser(
			user.id,
			{ displayName: '广西通信管理局', role: 'regulator', region: '450000', sector: 'telecom' },
			'admin-1'
		);
		expect(moved.ok && moved.value.region).toBe('450000');
		expect(await auth.validateSession(login.token)).toBeNull();
		const updates = (await auditTypes()).filter((e) => e.type === 'UserUpdated');
		expect(updates.map((e) => e.payload.fields)).toEqual([
			['displayName'],
			['displayName', 'region']
		]);
		const bad = await auth.updateUser(
			user.id,
			{ displayName: 'x', role: 'regulator', region: '440300', sector: 'radio' },
			'admin-1'
		);
		expect(bad).toEqual({ ok: false, errors: { sector: 'auth.field.sectorNotInRegion' } });
		expect((await auth.getUser(user.id))?.region).toBe('450000');
	});

	it('refuses weak passwords and bad scopes field by field, creating nothing', async () => {
		const short = await auth.createUser(
			{ username: 'reg-g', displayName: 'g', role: 'regulator', password: 'short' },
			'admin-1'
		);
		expect(short).toEqual({
			ok: false,
			errors: {
				password: 'auth.password.tooShort',
				region: 'auth.field.region',
				sector: 'auth.field.sector'
			}
		});
		const same = await auth.createUser(
			{
				username: 'reg-g-username',
				displayName: 'g',
				role: 'regulator',
				password: 'reg-g-username',
				region: '440300',
				sector: 'telecom'
			},
			'admin-1'
		);
		expect(same).toEqual({
			ok: false,
			errors: { password: 'auth.password.isUsername', sector: 'auth.field.sectorNotInRegion' }
		});
		expect(await db.db.select().from(users)).toEqual([]);
		expect(await auditTypes()).toEqual([]);
	});

	it('asks ministry and regulator accounts with TOTP for their code', async () => {
		const user = await newUser('reg-h', 'regulator');
		const enrolled = await auth.enableTotp(user.id, 'admin-1');
		if (!enrolled.ok) throw new Error('totp');
		expect(enrolled.value.uri).toMatch(/^otpauth:\/\/totp\//);
		expect(await auth.login('reg-h', PASSWORD)).toEqual({ ok: false });
		expect(await auth.login('reg-h', PASSWORD, '000000')).toEqual({ ok: false });
		const code = generateTOTP(decodeBase32IgnorePadding(enrolled.value.secret), 30, 6);
		expect((await auth.login('reg-h', PASSWORD, code)).ok).toBe(true);
		const processor = await newUser('proc-h', 'processor');
		expect((await auth.enableTotp(processor.id, 'admin-1')).ok).toBe(false);
	});

	it('pairs a display once with its code, and revocation ends its credential', async () => {
		const made = await auth.createDisplay({ name: '广东大屏', region: '440000' }, 'admin-1');
		if (!made.ok) throw new Error('display');
		expect(await auth.pair('WRONGCODE2')).toBeNull();
		const paired = await auth.pair(made.value.code.toLowerCase());
		expect(paired?.display).toMatchObject({ kind: 'display', region: '440000' });
		expect(await auth.pair(made.value.code)).toBeNull(); // single use
		const token = paired!.token;
		// Long-lived: no idle or absolute timeout.
		advance(40 * 24 * 60 * MIN);
		expect(await auth.validateDisplay(token)).toMatchObject({ principal: { region: '440000' } });
		expect((await auth.listDisplays())[0]!.lastSeenAt?.getTime()).toBe(now);
		await auth.revokeDisplay(made.value.id, 'admin-1');
		expect(await auth.validateDisplay(token)).toEqual({ revoked: true });
		expect((await auth.credentialStates([], [made.value.id])).get(made.value.id)).toBe('revoked');
		const bad = await auth.createDisplay({ name: '', region: '999999' }, 'admin-1');
		expect(bad).toEqual({
			ok: false,
			errors: { name: 'auth.field.displayName', region: 'auth.field.region' }
		});
		expect((await auditTypes()).map((e) => e.type)).toEqual([
			'DisplayCreated',
			'DisplayPaired',
			'DisplayRevoked'
		]);
	});

	it('issues per-organisation API tokens, hashed at rest, and revokes them', async () => {
		await auth.saveOrganisation({ id: 'org-hq', name: '央企集团', kind: 'processor' }, 'admin-1');
		await auth.saveOrganisation(
			{ id: 'org-sub', name: '子公司', kind: 'processor', parentId: 'org-hq' },
			'admin-1'
		);
		const issued = await auth.issueApiToken({ orgId: 'org-hq', name: 'SOC' }, 'admin-1');
		if (!issued.ok) throw new Error('token');
		const request = (token: string) =>
			new Request('http://x/api/v1/incidents', { headers: { authorization: `Bearer ${token}` } });
		const caller = await auth.authenticateApiToken(request(issued.value.token));
		expect(caller).toEqual({
			actor: {
				id: `api:${issued.value.id}`,
				role: 'processor',
				orgId: 'org-hq',
				subsidiaries: ['org-sub']
			},
			orgName: '央企集团',
			tokenId: issued.value.id
		});
		expect(
			await auth.authenticateApiToken(request(`${issued.value.token.slice(0, -1)}a`))
		).toBeNull();
		const text = JSON.stringify(await auth.listApiTokens()) + JSON.stringify(await store.read(0));
		expect(text).not.toContain(issued.value.token);
		await auth.revokeApiToken(issued.value.id, 'admin-1');
		expect(await auth.authenticateApiToken(request(issued.value.token))).toBeNull();
		expect(await auth.issueApiToken({ orgId: 'no-such-org', name: 'x' }, 'admin-1')).toEqual({
			ok: false,
			errors: { orgId: 'auth.field.orgId' }
		});
	});
});
