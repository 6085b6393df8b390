import type { Server as HttpServer } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';
import type * as Realtime from '../src/lib/server/realtime/index';
import type * as Scenarios from '../src/lib/server/scenario/index';

/**
 * Attaches the realtime module to Vite's own HTTP server in development (and `vite preview`),
 * so `npm run dev` serves pages and Socket.IO on one port, as server/index.ts does in
 * production. The module is loaded through Vite's SSR graph so it shares the database handle
 * and code with SvelteKit's request path.
 */
export function realtimeDevPlugin(): Plugin {
	return {
		name: 'fenghuo-realtime',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			const httpServer = server.httpServer;
			// Vitest runs Vite in middleware mode: no HTTP server, nothing to attach.
			if (!httpServer || process.env.VITEST) return;
			httpServer.once('listening', () => {
				void (async () => {
					const mod = (await server.ssrLoadModule(
						'/src/lib/server/realtime/index.ts'
					)) as typeof Realtime;
					const address = httpServer.address();
					const port = typeof address === 'object' && address ? address.port : undefined;
					// Vite serves HTTP/1.1 unless configured for HTTPS/2, which Fenghuo's dev set-up never does.
					await mod.startRealtime(httpServer as HttpServer, { devPort: port });
					const scenarios = (await server.ssrLoadModule(
						'/src/lib/server/scenario/index.ts'
					)) as typeof Scenarios;
					await scenarios.startScenarioServices();
				})().catch((err: unknown) => {
					server.config.logger.error(`[fenghuo] realtime failed to start: ${String(err)}`);
				});
			});
		}
	};
}
