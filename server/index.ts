/**
 * Production entry: one HTTP server for SvelteKit's handler (build/handler.js) and Socket.IO.
 * Run with `npm start` (node + the tsx loader, a normal dependency) after `npm run build`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, env } from '../src/lib/server/config/env';
import { closeDatabase, getDatabase } from '../src/lib/server/db';
import { logger } from '../src/lib/server/log';
import { startRealtime } from '../src/lib/server/realtime';
import { startScenarioServices } from '../src/lib/server/scenario';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
	process.env.NODE_ENV ??= 'production';
	const e = env();
	// adapter-node reads ORIGIN to check form posts (CSRF); default it to our own address.
	process.env.ORIGIN = e.ORIGIN;
	const log = logger('server');
	const startedAt = performance.now();

	const database = await getDatabase({ migrationsFolder: path.join(root, 'drizzle') });
	log.info({ db: database.kind, ms: Math.round(performance.now() - startedAt) }, 'database ready');

	const { handler } = (await import(pathToFileURL(path.join(root, 'build/handler.js')).href)) as {
		handler: Handler;
	};
	const server = createServer((req, res) => {
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	const realtime = await startRealtime(server);
	const scenarios = await startScenarioServices();

	await new Promise<void>((resolve) => server.listen(e.PORT, e.HOST, resolve));
	log.info(
		{
			url: e.ORIGIN,
			port: e.PORT,
			host: e.HOST,
			startupMs: Math.round(performance.now() - startedAt)
		},
		'fenghuo listening'
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down');
		const force = setTimeout(() => {
			log.warn('forced exit after 10 s');
			process.exit(1);
		}, 10_000);
		force.unref();
		void (async () => {
			scenarios.stop();
			await realtime.close(); // disconnects sockets and closes the HTTP server
			server.closeAllConnections();
			await closeDatabase();
			process.exit(0);
		})();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
	if (err instanceof ConfigError) {
		console.error(err.message);
	} else {
		console.error('fenghuo failed to start:', err);
	}
	process.exit(1);
});
