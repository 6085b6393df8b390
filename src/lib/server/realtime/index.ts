import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
	parseRoom,
	type AccessLost,
	type ClientToServerEvents,
	type ServerToClientEvents,
	type SubscribeAck
} from '../../shared/socket';
import { getAuth } from '../auth';
import type { JoinFacts } from '../auth/policy';
import type { AuthService } from '../auth/service';
import { env } from '../config/env';
import { getEventStore } from '../events/app';
import type { EventStore } from '../events/store';
import { logger } from '../log';
import { authenticate, canJoin, originAllowed, originAllowlist, type Principal } from './access';
import { Hub, type HubOptions } from './hub';

export { Hub } from './hub';

interface SocketData {
	principal: Principal;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

export interface Realtime {
	io: RealtimeServer;
	hub: Hub;
	close(): Promise<void>;
}

const attached = new WeakMap<HttpServer, Promise<Realtime>>();

/**
 * Attach Socket.IO and the log hub to an HTTP server (production: server/index.ts;
 * development: the Vite plugin). Safe to call twice for one server.
 */
export interface RealtimeOptions {
	devPort?: number;
	hub?: HubOptions;
	/** Default: the process's event store and auth service (tests pass their own). */
	store?: EventStore;
	auth?: AuthService;
	/** Default: ORIGIN / FENGHUO_EXTRA_ORIGINS from the environment. */
	origin?: string;
	extraOrigins?: string;
	/** How often live sockets' credentials are re-checked. Default FENGHUO_SOCKET_RECHECK_MS. */
	recheckMs?: number;
}

export function startRealtime(
	httpServer: HttpServer,
	options: RealtimeOptions = {}
): Promise<Realtime> {
	let started = attached.get(httpServer);
	if (!started) {
		started = start(httpServer, options);
		attached.set(httpServer, started);
	}
	return started;
}

async function start(httpServer: HttpServer, options: RealtimeOptions): Promise<Realtime> {
	const log = logger('realtime');
	const e = options.origin ? undefined : env();
	const origin = options.origin ?? e!.ORIGIN;
	const allowlist = originAllowlist(
		origin,
		options.extraOrigins ?? e?.FENGHUO_EXTRA_ORIGINS ?? '',
		options.devPort
	);
	const store = options.store ?? (await getEventStore());
	const auth = options.auth ?? (await getAuth());
	const recheckMs = options.recheckMs ?? e?.FENGHUO_SOCKET_RECHECK_MS ?? 3000;

	const io: RealtimeServer = new Server(httpServer, {
		serveClient: false,
		// Quick disconnect detection: a wall must know within seconds that it is stale.
		pingInterval: 10_000,
		pingTimeout: 5_000,
		maxHttpBufferSize: 64 * 1024,
		allowRequest: (req, callback) => {
			const ok = originAllowed(req.headers.origin, allowlist);
			if (!ok) log.warn({ origin: req.headers.origin }, 'socket handshake refused: origin');
			callback(ok ? null : 'origin not allowed', ok);
		}
	});

	const hub = new Hub(io, store, {
		onError: (err) => log.error({ err }, 'log subscription failed; retrying on next wake-up'),
		...options.hub
	});
	await hub.start();

	io.use((socket, next) => {
		authenticate(socket.request, auth, origin)
			.then((result) => {
				if (!result.ok) {
					log.info({ reason: result.reason }, 'socket handshake refused: credential');
					next(new Error(result.reason));
					return;
				}
				socket.data.principal = result.principal;
				next();
			})
			.catch((err: unknown) => {
				log.error({ err }, 'socket authentication failed');
				next(new Error('internal'));
			});
	});

	/** Facts a join decision needs beyond the principal (an incident's scope). */
	const factsFor = async (principal: Principal, room: unknown): Promise<JoinFacts> => {
		const parsed = parseRoom(room);
		if (parsed?.kind === 'incident' && principal.kind === 'user' && principal.role !== 'ministry')
			return { incident: await auth.incidentFacts(parsed.id) };
		return {};
	};

	// Logout, expiry, disable and revocation end sockets within one re-check: one query for all
	// of this node's sockets, every `recheckMs`.
	let rechecking = false;
	const recheck = async () => {
		if (rechecking) return;
		rechecking = true;
		try {
			const sockets = [...io.of('/').sockets.values()];
			const sessionIds = new Set<string>();
			const displayIds = new Set<string>();
			for (const s of sockets) {
				const p = s.data.principal;
				if (p?.kind === 'user') sessionIds.add(p.sessionId);
				else if (p?.kind === 'display') displayIds.add(p.id);
			}
			if (sessionIds.size + displayIds.size === 0) return;
			const states = await auth.credentialStates([...sessionIds], [...displayIds]);
			// Not an event and not a session: only the walls' "last seen" in the display list.
			await auth.touchDisplays([...displayIds].filter((id) => states.get(id) === 'ok'));
			for (const s of sockets) {
				const p = s.data.principal;
				const key = p?.kind === 'user' ? p.sessionId : p?.kind === 'display' ? p.id : undefined;
				const state = key ? states.get(key) : undefined;
				if (!state || state === 'ok') continue;
				log.info({ principal: p.id, state }, 'socket dropped: credential ended');
				s.emit('access', { reason: state } satisfies AccessLost);
				s.disconnect(true);
			}
		} catch (err) {
			log.error({ err }, 'socket credential re-check failed');
		} finally {
			rechecking = false;
		}
	};
	const recheckTimer = setInterval(() => void recheck(), recheckMs);

	io.on('connection', (socket) => {
		socket.on('subscribe', (request, ack) => {
			if (typeof ack !== 'function') return;
			const reply = (r: SubscribeAck) => ack(r);
			const room = request?.room;
			const since = request?.since;
			if (!Number.isSafeInteger(since) || since < 0) {
				reply({ ok: false, error: { code: 'bad_since', message: 'since must be an integer ≥ 0' } });
				return;
			}
			const principal = socket.data.principal;
			factsFor(principal, room)
				.then((facts) => {
					const decision = canJoin(principal, room, facts);
					if (!decision.ok) {
						log.warn({ principal: principal.id, room }, 'room join refused');
						reply({ ok: false, error: { code: decision.code, message: decision.message } });
						return undefined;
					}
					return hub.catchUp(room, since);
				})
				.then((finish) => {
					if (!finish || socket.disconnected) return;
					// Same tick: join, then answer, so no live batch falls between the two.
					const response = finish();
					void socket.join(room);
					reply(response);
				})
				.catch((err: unknown) => {
					log.error({ err, room, since }, 'catch-up failed');
					reply({ ok: false, error: { code: 'internal', message: 'catch-up failed, retry' } });
				});
		});
		socket.on('unsubscribe', (room) => {
			if (typeof room === 'string') void socket.leave(room);
		});
	});

	log.info({ position: hub.position, origins: [...allowlist] }, 'realtime attached');
	return {
		io,
		hub,
		async close() {
			clearInterval(recheckTimer);
			hub.stop();
			// Closing the transports (not a DISCONNECT packet) makes clients reconnect with backoff,
			// to another node or to this one after a restart.
			await io.close();
		}
	};
}
