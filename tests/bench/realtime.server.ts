/**
 * Server side of realtime.bench.ts, forked (node --import tsx --expose-gc) so that its CPU and
 * RSS are its own and not the clients'. Not a bench module: run.ts does not list it.
 *
 *   argv[2] = 'fenghuo': the production realtime path. server/index.ts's wiring minus the
 *     SvelteKit handler: getDatabase() (DATABASE_URL from the parent) and startRealtime() on a
 *     plain HTTP server on 127.0.0.1, default HubOptions. The hub reads the log the parent's
 *     EventStore appends to, woken by PostgreSQL NOTIFY (the multi-node path).
 *   argv[2] = 'raw': the baseline. A `ws` WebSocketServer on 127.0.0.1 with the same Origin
 *     check; clients send {"room"} and get {"ok":true}; each `publish` from the parent is fanned
 *     out at once: per room, one JSON batch (same shape as the hub's EventBatch) encoded once
 *     and written to every socket in the room.
 *
 * IPC (process.send): the child sends {type:'ready', port, origin, cookie}; requests from the
 * parent carry an `id` that the reply echoes. `cookie`: the credential Fenghuo clients send
 * (see displayCookie), absent for raw.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRoom, type EventBatch, type WireEvent } from '../../src/lib/shared/socket';
import type { AppendRequest } from '../../src/lib/server/events';
import { roomsForEvent } from '../../src/lib/server/realtime/rooms';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AUTH_MODULE = path.join(ROOT, 'src/lib/server/auth/index.ts');

/**
 * The part of src/lib/server/auth this bench uses. Imported by path at run time: socket
 * handshakes need a credential once accounts exist (issue 5); before that every socket is an
 * anonymous national viewer and there is nothing to provision.
 */
interface AuthModule {
	getAuth(): Promise<{
		createDisplay(
			input: { name: string; region: string },
			by: string
		): Promise<{ ok: true; value: { code: string } } | { ok: false; errors: object }>;
		pair(code: string): Promise<{ token: string } | null>;
	}>;
	cookieNames(origin?: string): { display: string };
}

/**
 * One national display credential (a wall's: it may join the national and every region room),
 * as the Cookie header its sockets send; undefined when the code base has no accounts yet.
 * All bench clients share it: pairing thousands of displays would only slow the set-up down,
 * and each handshake still validates the credential against the database.
 */
async function displayCookie(origin: string): Promise<string | undefined> {
	if (!existsSync(AUTH_MODULE)) return undefined;
	const auth = (await import(pathToFileURL(AUTH_MODULE).href)) as AuthModule;
	const service = await auth.getAuth();
	const created = await service.createDisplay(
		{ name: 'bench wall', region: 'national' },
		'system:bench'
	);
	if (!created.ok) throw new Error(`bench display refused: ${JSON.stringify(created.errors)}`);
	const paired = await service.pair(created.value.code);
	if (!paired) throw new Error('bench display could not be paired');
	return `${auth.cookieNames(origin).display}=${encodeURIComponent(paired.token)}`;
}

export type ServerMode = 'fenghuo' | 'raw';

export type ChildRequest =
	| { id: number; type: 'sample-start' }
	| { id: number; type: 'sample-end' }
	| { id: number; type: 'rss' }
	| { id: number; type: 'clock' }
	| { id: number; type: 'stop' };

/** Not a request: raw mode only, fanned out at once. */
export interface PublishMessage {
	type: 'publish';
	events: WireEvent[];
}

/**
 * Not a request: fenghuo mode only, the same-node writer. Appended through this process's
 * EventStore (getEventStore(), as the SvelteKit handler does), so the hub is woken locally.
 * Answered by a CommittedMessage.
 */
export interface AppendMessage {
	type: 'append';
	tag: number;
	request: AppendRequest;
}

export interface CommittedMessage {
	type: 'committed';
	tag: number;
	seqs: number[];
	/** performance.timeOrigin + performance.now() of this process when append() resolved. */
	at: number;
	error?: string;
}

export interface SampleReply {
	cpu_us: number;
	wall_ms: number;
	rss: number;
	batches: number;
}

const send = (msg: object) => process.send!(msg);

function listen(server: HttpServer): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const addr = server.address();
			resolve(typeof addr === 'object' && addr ? addr.port : 0);
		});
	});
}

async function main() {
	const mode = process.argv[2] as ServerMode;
	if (mode !== 'fenghuo' && mode !== 'raw') throw new Error(`unknown mode ${String(mode)}`);
	const server = createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	const port = await listen(server);
	const origin = `http://127.0.0.1:${port}`;

	let batches: () => number;
	let close: () => Promise<void>;
	let publish: (events: WireEvent[]) => void = () => {};
	let append: (m: AppendMessage) => void = () => {};
	let cookie: string | undefined;

	if (mode === 'fenghuo') {
		// env() is parsed once, on first use: set the address before the app modules read it.
		process.env.ORIGIN = origin;
		process.env.PORT = String(port);
		process.env.HOST = '127.0.0.1';
		const { getDatabase, closeDatabase } = await import('../../src/lib/server/db');
		const { startRealtime } = await import('../../src/lib/server/realtime');
		const { getEventStore } = await import('../../src/lib/server/events/app');
		await getDatabase({ migrationsFolder: path.join(ROOT, 'drizzle') });
		const realtime = await startRealtime(server);
		const store = await getEventStore();
		cookie = await displayCookie(origin);
		append = (m) => {
			store.append(m.request).then(
				(res) => {
					const at = performance.timeOrigin + performance.now();
					const seqs = res.events.map((e) => e.seq);
					send({ type: 'committed', tag: m.tag, seqs, at } satisfies CommittedMessage);
				},
				(err: unknown) => {
					const at = performance.timeOrigin + performance.now();
					const error = String(err);
					send({ type: 'committed', tag: m.tag, seqs: [], at, error } satisfies CommittedMessage);
				}
			);
		};
		batches = () => realtime.hub.batchesSent;
		close = async () => {
			await realtime.close();
			server.closeAllConnections();
			await closeDatabase();
		};
	} else {
		const rooms = new Map<string, Set<WebSocket>>();
		const cursor = new Map<string, number>();
		let position = 0;
		let sent = 0;
		const wss = new WebSocketServer({
			server,
			perMessageDeflate: false,
			maxPayload: 64 * 1024,
			verifyClient: ({ origin: o }: { origin: string | undefined }) =>
				o === undefined || o.replace(/\/$/, '') === origin
		});
		wss.on('connection', (ws) => {
			let joined: string | undefined;
			ws.on('message', (data) => {
				let room: unknown;
				try {
					room = (JSON.parse(String(data)) as { room?: unknown }).room;
				} catch {
					room = undefined;
				}
				if (typeof room !== 'string' || !parseRoom(room)) {
					ws.send(JSON.stringify({ ok: false }));
					return;
				}
				joined = room;
				let set = rooms.get(room);
				if (!set) rooms.set(room, (set = new Set()));
				set.add(ws);
				ws.send(JSON.stringify({ ok: true, seq: position }));
			});
			ws.on('close', () => {
				if (joined) rooms.get(joined)?.delete(ws);
			});
		});
		publish = (events) => {
			const byRoom = new Map<string, WireEvent[]>();
			for (const e of events) {
				for (const room of roomsForEvent(e)) {
					let list = byRoom.get(room);
					if (!list) byRoom.set(room, (list = []));
					list.push(e);
				}
				position = e.seq;
			}
			const serverTime = new Date().toISOString();
			for (const [room, list] of byRoom) {
				const members = rooms.get(room);
				const prevSeq = cursor.get(room) ?? 0;
				cursor.set(room, position);
				if (!members || members.size === 0) continue;
				const batch: EventBatch = { room, prevSeq, seq: position, serverTime, events: list };
				const frame = Buffer.from(JSON.stringify(batch));
				for (const ws of members) ws.send(frame, { binary: false });
				sent += 1;
			}
		};
		batches = () => sent;
		close = async () => {
			for (const ws of wss.clients) ws.terminate();
			await new Promise<void>((r) => wss.close(() => r()));
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
		};
	}

	let cpu0 = process.cpuUsage();
	let t0 = performance.now();
	let batches0 = 0;
	process.on('message', (msg: ChildRequest | PublishMessage | AppendMessage) => {
		if (msg.type === 'publish') {
			publish(msg.events);
			return;
		}
		if (msg.type === 'append') {
			append(msg);
			return;
		}
		const reply = (body: object) => send({ id: msg.id, ...body });
		switch (msg.type) {
			case 'sample-start':
				cpu0 = process.cpuUsage();
				t0 = performance.now();
				batches0 = batches();
				reply({});
				break;
			case 'sample-end': {
				const cpu = process.cpuUsage(cpu0);
				const body: SampleReply = {
					cpu_us: cpu.user + cpu.system,
					wall_ms: performance.now() - t0,
					rss: process.memoryUsage().rss,
					batches: batches() - batches0
				};
				reply(body);
				break;
			}
			case 'clock':
				reply({ at: performance.timeOrigin + performance.now() });
				break;
			case 'rss': {
				// Two full collections so that RSS reflects live memory, not garbage.
				globalThis.gc?.();
				globalThis.gc?.();
				reply({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
				break;
			}
			case 'stop':
				void close()
					.catch((err: unknown) => console.error('bench server close failed', err))
					.finally(() => {
						reply({});
						setTimeout(() => process.exit(0), 50);
					});
				break;
		}
	});
	process.on('disconnect', () => process.exit(0));
	send({ type: 'ready', port, origin, pid: process.pid, cookie });
}

main().catch((err: unknown) => {
	console.error('bench server failed:', err);
	process.exit(1);
});
