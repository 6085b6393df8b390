import type { Plugin, ViteDevServer } from 'vite';

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
					)) as typeof import('../src/lib/server/realtime/index');
					const address = httpServer.address();
					const port = typeof address === 'object' && address ? address.port : undefined;
					await mod.startRealtime(httpServer, { devPort: port });
				})().catch((err: unknown) => {
					server.config.logger.error(`[fenghuo] realtime failed to start: ${String(err)}`);
				});
			});
		}
	};
}
