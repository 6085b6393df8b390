import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { cookieNames } from '../../src/lib/server/auth/cookies';
import { AuthService } from '../../src/lib/server/auth/service';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events';
import { startRealtime, type Realtime } from '../../src/lib/server/realtime';
import type {
	ClientToServerEvents,
	EventBatch,
	ServerToClientEvents,
	SubscribeAck
} from '../../src/lib/shared/socket';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const PASSWORD = 'socket-test-password';

let t: TestDatabase;
let db: Database;
let store: EventStore;
let auth: AuthService;
let http: HttpServer;
let realtime: Realtime;
let url: string;
const names = cookieNames('http://localhost');
const clients: Client[] = [];

/** Open a socket with a cookie and an Origin; resolves connected, or with the refusal. */
function open(cookie?: string, origin = url): Promise<{ socket: Client } | { error: string }> {
	const socket: Client = connect(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin, ...(cookie ? { cookie } : {}) }
	});
	clients.push(socket);
	return new Promise((resolve) => {
		socket.on('connect', () => resolve({ socket }));
		socket.on('connect_error', (err) => resolve({ error: err.message }));
	});
}

async function connected(cookie: string): Promise<Client> {
	const r = await open(cookie);
	if ('error' in r) throw new Error(`refused: ${r.error}`);
	return r.socket;
}

const subscribe = (socket: Client, room: string, since = 0) =>
	new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', { room, since }, resolve));

async function sessionCookie(
	username: string,
	scope: { role: 'ministry' } | { role: 'regulator'; region: string; sector: string }
) {
	const made = await auth.createUser(
		{ username, displayName: username, password: PASSWORD, ...scope },
		'admin-1'
	);
	if (!made.ok) throw new Error(JSON.stringify(made.errors));
	const login = await auth.login(username, PASSWORD);
	if (!login.ok) throw new Error('login');
	return { cookie: `${names.session}=${login.token}`, token: login.token, userId: made.value.id };
}

/** Resolves with the reason the server gave when it dropped the socket, and how long it took. */
function dropped(socket: Client): Promise<{ reason: string; ms: number }> {
	const start = Date.now();
	return new Promise((resolve) => {
		let reason = '';
		socket.on('access', (info) => (reason = info.reason));
		socket.on('disconnect', () => resolve({ reason, ms: Date.now() - start }));
	});
}

describe(`socket authentication and room scope (${TEST_DB})`, () => {
	beforeAll(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, { catalog: EVENT_CATALOG, chainKey: CHAIN_KEY });
		auth = new AuthService(db.db, store, () => new Date(), { touchEveryMs: 200 });
		http = createServer();
		await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
		const port = (http.address() as AddressInfo).port;
		url = `http://localhost:${port}`;
		realtime = await startRealtime(http, {
			store,
			auth,
			origin: url,
			extraOrigins: '',
			recheckMs: 300,
			hub: { batchMs: 10, pollMs: 200 }
		});
	});
	afterAll(async () => {
		for (const c of clients) c.disconnect();
		await realtime.close();
		await t.close();
	});

	it('refuses a foreign Origin and a handshake without a credential', async () => {
		const { cookie } = await sessionCookie('min-origin', { role: 'ministry' });
		expect(await open(cookie, 'https://evil.example')).toEqual({ error: expect.any(String) });
		expect(await open(undefined)).toEqual({ error: 'unauthorized' });
		expect(await open(`${names.session}=not-a-real-token`)).toEqual({ error: 'unauthorized' });
		const ok = await open(cookie);
		expect('socket' in ok).toBe(true);
	});

	it("keeps a 广东 telecom regulator to 广东's telecom room and its events", async () => {
		const { cookie } = await sessionCookie('gd-telecom', {
			role: 'regulator',
			region: '440000',
			sector: 'telecom'
		});
		const socket = await connected(cookie);
		for (const room of [
			'region:450000:telecom',
			'region:440000:industrial',
			'region:440000',
			'national',
			'region:440300:industrial',
			'audit',
			'org:org-1'
		]) {
			expect(await subscribe(socket, room)).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
		}
		expect(await subscribe(socket, 'region:nowhere:telecom')).toMatchObject({
			ok: false,
			error: { code: 'bad_room' }
		});
		const joined = await subscribe(socket, 'region:440000:telecom', await store.headSeq());
		expect(joined.ok).toBe(true);

		const received: EventBatch[] = [];
		socket.on('events', (b) => received.push(b));
		const note = (streamId: string, regions: string[], sectors: string[], text: string) =>
			store.append({
				streamId,
				expectedVersion: 'any',
				actor: 'test',
				events: [
					{
						type: 'DutyLogEntryRecorded',
						region: regions[0]!,
						regions,
						sectors,
						payload: { at: new Date().toISOString(), by: 'test', text }
					}
				]
			});
		// 深圳 telecom is regulated from the province; 深圳 industrial by the city itself.
		await note('dutylog-a', ['440300', '440000'], ['telecom'], 'sz-telecom');
		await note('dutylog-b', ['440300'], ['industrial'], 'sz-industrial');
		await note('dutylog-c', ['450000'], ['telecom'], 'gx-telecom');
		await note('dutylog-d', ['440000'], ['industrial'], 'gd-industrial');
		const last = await note('dutylog-e', ['440000'], [], 'gd-all-sectors');
		await expect
			.poll(() => received.at(-1)?.seq ?? 0, { timeout: 10_000 })
			.toBeGreaterThanOrEqual(last.lastSeq);
		const texts = received.flatMap((b) => b.events.map((e) => e.payload.text));
		expect(texts).toEqual(['sz-telecom', 'gd-all-sectors']);
	});

	it('drops the socket within seconds of a logout', async () => {
		const { cookie, token } = await sessionCookie('min-logout', { role: 'ministry' });
		const socket = await connected(cookie);
		expect((await subscribe(socket, 'national')).ok).toBe(true);
		const gone = dropped(socket);
		await auth.logout(token);
		const { reason, ms } = await gone;
		expect(reason).toBe('signed_out');
		expect(ms).toBeLessThan(5000);
		expect(await open(cookie)).toEqual({ error: 'unauthorized' });
	});

	it('drops the socket within seconds of disabling the account', async () => {
		const { cookie, userId } = await sessionCookie('min-disable', { role: 'ministry' });
		const socket = await connected(cookie);
		const gone = dropped(socket);
		await auth.setDisabled(userId, true, 'admin-1');
		const { reason, ms } = await gone;
		expect(['signed_out', 'disabled']).toContain(reason);
		expect(ms).toBeLessThan(5000);
	});

	it("drops a revoked display's socket and refuses its handshake as revoked", async () => {
		const made = await auth.createDisplay({ name: '广西大屏', region: '450000' }, 'admin-1');
		if (!made.ok) throw new Error('display');
		const paired = await auth.pair(made.value.code);
		const cookie = `${names.display}=${paired!.token}`;
		const socket = await connected(cookie);
		expect((await subscribe(socket, 'region:450000')).ok).toBe(true);
		expect(await subscribe(socket, 'region:440000')).toMatchObject({ ok: false });
		expect(await subscribe(socket, 'national')).toMatchObject({ ok: false });
		// A wall that never reloads still shows as online: its socket keeps last-seen fresh.
		const pairedAt = (await auth.listDisplays()).find((d) => d.id === made.value.id)!.lastSeenAt!;
		await expect
			.poll(
				async () =>
					(await auth.listDisplays()).find((d) => d.id === made.value.id)!.lastSeenAt!.getTime(),
				{ timeout: 5000 }
			)
			.toBeGreaterThan(pairedAt.getTime());
		const gone = dropped(socket);
		await auth.revokeDisplay(made.value.id, 'admin-1');
		const { reason, ms } = await gone;
		expect(reason).toBe('revoked');
		expect(ms).toBeLessThan(5000);
		expect(await open(cookie)).toEqual({ error: 'revoked' });
	});

	it('coalesces a burst into few batches per room, each event exactly once and in order', async () => {
		const { cookie } = await sessionCookie('min-burst', { role: 'ministry' });
		const socket = await connected(cookie);
		const from = await store.headSeq();
		expect((await subscribe(socket, 'national', from)).ok).toBe(true);
		const batches: EventBatch[] = [];
		socket.on('events', (b) => batches.push(b));
		const burst = 300;
		// One append per event, concurrently: far more events than batch intervals.
		await Promise.all(
			Array.from({ length: burst }, (_, i) =>
				store.append({
					streamId: `dutylog-burst-${i}`,
					expectedVersion: 'any',
					actor: 'test',
					events: [
						{
							type: 'DutyLogEntryRecorded',
							region: '440000',
							regions: ['440000'],
							payload: { at: new Date().toISOString(), by: 'test', text: `burst ${i}` }
						}
					]
				})
			)
		);
		const head = await store.headSeq();
		await expect.poll(() => batches.at(-1)?.seq ?? 0).toBe(head);
		const seqs = batches.flatMap((b) => b.events.map((e) => e.seq));
		expect(seqs).toEqual(Array.from({ length: head - from }, (_, i) => from + 1 + i));
		// Batches chain: each one starts where the previous one ended.
		for (let i = 1; i < batches.length; i++) expect(batches[i]!.prevSeq).toBe(batches[i - 1]!.seq);
		const carrying = batches.filter((b) => b.events.length > 0).length;
		expect(carrying).toBeLessThan(burst / 3);
	});
});
