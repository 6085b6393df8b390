import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck } from '../../shared/socket';
import { env } from '../config/env';
import { getEventStore } from '../events/app';
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
export function startRealtime(
	httpServer: HttpServer,
	options: { devPort?: number; hub?: HubOptions } = {}
): Promise<Realtime> {
	let started = attached.get(httpServer);
	if (!started) {
		started = start(httpServer, options);
		attached.set(httpServer, started);
	}
	return started;
}

async function start(
	httpServer: HttpServer,
	options: { devPort?: number; hub?: HubOptions }
): Promise<Realtime> {
	const log = logger('realtime');
	const e = env();
	const allowlist = originAllowlist(e.ORIGIN, e.FENGHUO_EXTRA_ORIGINS, options.devPort);
	const store = await getEventStore();

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
		socket.data.principal = authenticate(socket.request);
		next();
	});

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
			const decision = canJoin(socket.data.principal, room);
			if (!decision.ok) {
				log.warn({ principal: socket.data.principal.id, room }, 'room join refused');
				reply({ ok: false, error: { code: decision.code, message: decision.message } });
				return;
			}
			hub
				.catchUp(room, since)
				.then((finish) => {
					if (socket.disconnected) return;
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
			hub.stop();
			// Closing the transports (not a DISCONNECT packet) makes clients reconnect with backoff,
			// to another node or to this one after a restart.
			await io.close();
		}
	};
}
