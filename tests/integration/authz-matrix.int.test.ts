import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { AuthService } from '../../src/lib/server/auth/service';
import { events } from '../../src/lib/server/db/schema';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { startRealtime, type Realtime } from '../../src/lib/server/realtime';
import { roomsForEvent, roomWhere } from '../../src/lib/server/realtime/rooms';
import type {
	ClientToServerEvents,
	ServerToClientEvents,
	SubscribeAck
} from '../../src/lib/shared/socket';
import { PRINCIPALS, ROOMS, ROUTES, type PrincipalKey } from '../authz/expected';
import { discoverRoutes } from '../authz/routes';
import { buildWorld } from '../authz/world';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let t: TestDatabase;
let store: EventStore;
let http: HttpServer;
let realtime: Realtime;
let url: string;
let cookies: Record<PrincipalKey, string | undefined>;

describe(`authorization matrix: socket rooms (${TEST_DB})`, () => {
	beforeAll(async () => {
		t = await freshDatabase();
		const db = await t.open();
		store = new EventStore(db, {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
		const auth = new AuthService(db.db, store);
		http = createServer();
		await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
		url = `http://localhost:${(http.address() as AddressInfo).port}`;
		cookies = await buildWorld(auth, store, url);
		realtime = await startRealtime(http, { store, auth, origin: url, extraOrigins: '' });
	});
	afterAll(async () => {
		await realtime.close();
		await t.close();
	});

	it('every route under src/routes has an entry in the expected table', () => {
		const missing = discoverRoutes().filter((id) => !(id in ROUTES));
		expect(missing).toEqual([]);
	});

	it('lets each principal join exactly the rooms the expected table lists', async () => {
		const leaks: string[] = [];
		const wrongRefusals: string[] = [];
		for (const who of PRINCIPALS) {
			const cookie = cookies[who];
			const socket: Client = connect(url, {
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: { origin: url, ...(cookie ? { cookie } : {}) }
			});
			const connected = await new Promise<boolean>((resolve) => {
				socket.on('connect', () => resolve(true));
				socket.on('connect_error', () => resolve(false));
			});
			for (const [room, allowed] of Object.entries(ROOMS)) {
				const ack = connected
					? await new Promise<SubscribeAck>((resolve) =>
							socket.emit('subscribe', { room, since: 0 }, resolve)
						)
					: undefined;
				const joined = ack?.ok === true;
				if (joined && !allowed.includes(who)) leaks.push(`${who} → ${room}`);
				if (!joined && allowed.includes(who)) wrongRefusals.push(`${who} → ${room}`);
				// A refusal is an answer, never a silent hang or an internal error.
				if (ack && !ack.ok) expect(['forbidden']).toContain(ack.error.code);
			}
			socket.disconnect();
		}
		expect(leaks).toEqual([]);
		expect(wrongRefusals).toEqual([]);
	});

	it('routes events to rooms exactly as the SQL of catch-ups and first paints selects them', async () => {
		const all = await store.read(0, 10_000);
		expect(all.length).toBeGreaterThan(5);
		for (const room of Object.keys(ROOMS)) {
			const expected = all.filter((e) => roomsForEvent(e).includes(room)).map((e) => e.seq);
			const rows = await store.database.db
				.select({ seq: events.seq })
				.from(events)
				.where(roomWhere(room));
			expect(
				rows.map((r) => r.seq).sort((a, b) => a - b),
				room
			).toEqual(expected);
		}
		// And an incident's events reach its regulator, its organisation and its assigned agency.
		const incidentEvent = all.find((e) => e.type === 'IncidentReported')!;
		expect(roomsForEvent(incidentEvent)).not.toContain('audit');
		const audit = all.find((e) => e.streamId.startsWith('audit-'))!;
		expect(roomsForEvent(audit)).toEqual(['audit']);
	});
});
