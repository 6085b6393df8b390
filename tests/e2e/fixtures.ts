import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { test as base } from '@playwright/test';

export interface AppServer {
	url: string;
	port: number;
	env: Record<string, string>;
	start(): Promise<void>;
	stop(): Promise<void>;
	restart(): Promise<void>;
}

/**
 * A port nobody listens on, chosen by the OS: a fixed range collided with other services on the
 * box (Erlang's epmd on 4369) and with other test runs' servers.
 */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** The production server (`node --import tsx server/index.ts` over build/), one per test. */
export async function launchServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
	const port = await freePort();
	const env: Record<string, string> = {
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: process.env.FENGHUO_E2E_DATABASE_URL!,
		FENGHUO_CHAIN_KEY: randomBytes(32).toString('hex'),
		FENGHUO_DEMO: 'off',
		LOG_LEVEL: 'warn',
		NODE_ENV: 'production',
		...extraEnv
	};
	let child: ChildProcess | undefined;
	const url = `http://localhost:${port}`;
	const server: AppServer = {
		url,
		port,
		env,
		async start() {
			child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
				env: { ...process.env, ...env },
				stdio: ['ignore', 'inherit', 'inherit']
			});
			const deadline = Date.now() + 30_000;
			for (;;) {
				if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
				try {
					const res = await fetch(`${url}/healthz`);
					if (res.ok) return;
				} catch {
					// not listening yet
				}
				if (Date.now() > deadline) throw new Error('server did not become healthy in 30 s');
				await new Promise((r) => setTimeout(r, 100));
			}
		},
		async stop() {
			const c = child;
			if (!c || c.exitCode !== null) return;
			await new Promise<void>((resolve) => {
				c.once('exit', () => resolve());
				c.kill('SIGTERM');
			});
		},
		async restart() {
			await server.stop();
			await server.start();
		}
	};
	await server.start();
	return server;
}

export const test = base.extend<{ app: AppServer; signedIn: 'ministry' | false }>({
	// Playwright requires the object pattern even when no fixture is used.
	// eslint-disable-next-line no-empty-pattern
	app: async ({}, use) => {
		const app = await launchServer();
		await use(app);
		await app.stop();
	},
	/**
	 * Pages need an account since issue 5: by default every test's browser is signed in as a
	 * fresh ministry account (national scope: every page and room but the admin's). Opt out
	 * with `test.use({ signedIn: false })` and use ./auth.ts (signIn, pairDisplay) instead.
	 */
	signedIn: ['ministry', { option: true }],
	context: async ({ context, app, signedIn }, use) => {
		if (signedIn) {
			const { signIn } = await import('./auth');
			await signIn(context, app, { role: signedIn });
		}
		await use(context);
	}
});
export { expect } from '@playwright/test';
