import { z } from 'zod';

/**
 * Every setting Fenghuo reads, parsed once. Used by SvelteKit's request path, server/index.ts
 * and the CLIs alike (never `$env`, which only exists inside SvelteKit). Fails fast with a
 * message naming the variable.
 */
const schema = z.object({
	/** HTTP port of the production server. Default 3000. */
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	/** Interface to bind. Default 0.0.0.0 (all). */
	HOST: z.string().min(1).default('0.0.0.0'),
	/** Public origin (scheme://host:port) for CSRF and the socket Origin allowlist. Default: http://localhost:PORT. */
	ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
	/** Extra origins allowed to open sockets, comma-separated. Default none. */
	FENGHUO_EXTRA_ORIGINS: z.string().default(''),
	/** postgres://… to use a PostgreSQL server; absent = embedded PGlite in FENGHUO_DATA_DIR. */
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
		.optional(),
	/** Folder of the embedded database and of the generated chain key. Default ./data. */
	FENGHUO_DATA_DIR: z.string().min(1).default('./data'),
	/** Demo scenario: on/off. Default on under `npm run dev`, off for a production start. */
	FENGHUO_DEMO: z.enum(['on', 'off']).optional(),
	/**
	 * Hash-chain key (hex, ≥ 32 bytes = 64 hex chars). Kept outside the database so that a
	 * database superuser cannot rewrite history undetected. Default: generated once into
	 * FENGHUO_DATA_DIR/chain.key (mode 0600).
	 */
	FENGHUO_CHAIN_KEY: z
		.string()
		.regex(/^[0-9a-fA-F]{64,}$/, 'must be at least 64 hex characters (32 bytes)')
		.optional(),
	/** HMAC algorithm for new log rows: sm3 (default, GB/T 32905) or sha256. */
	FENGHUO_CHAIN_ALG: z.enum(['sm3', 'sha256']).default('sm3'),
	/** Minutes without a request after which a session ends. Default 30. */
	FENGHUO_SESSION_IDLE_MIN: z.coerce.number().int().min(1).max(1440).default(30),
	/** Hours after login at which a session ends however active. Default 12. */
	FENGHUO_SESSION_ABSOLUTE_H: z.coerce.number().int().min(1).max(168).default(12),
	/** How often live sockets re-check their session or display credential (ms). Default 3000. */
	FENGHUO_SOCKET_RECHECK_MS: z.coerce.number().int().min(200).max(5000).default(3000),
	/** First administrator, created at start when no admin exists. Default none. */
	FENGHUO_ADMIN_USER: z
		.string()
		.regex(/^[a-zA-Z0-9._-]{3,64}$/, '3–64 of a-z A-Z 0-9 . _ -')
		.optional(),
	/** Its password (≥ 12 characters, not the user name). Required with FENGHUO_ADMIN_USER. */
	FENGHUO_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
	/** pino level. Default info. */
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development')
});

export type Env = z.infer<typeof schema> & { ORIGIN: string; FENGHUO_DEMO: 'on' | 'off' };

export class ConfigError extends Error {
	override name = 'ConfigError';
}

export function parseEnv(record: Record<string, string | undefined>): Env {
	// Empty strings mean "unset" (a common shell habit: FOO= npm start).
	const cleaned = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
	const result = schema.safeParse(cleaned);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const env = result.data;
	if (env.FENGHUO_ADMIN_USER && !env.FENGHUO_ADMIN_PASSWORD) {
		throw new ConfigError(
			'Invalid configuration:\n  FENGHUO_ADMIN_PASSWORD: required with FENGHUO_ADMIN_USER'
		);
	}
	const originHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
	return {
		...env,
		ORIGIN: (env.ORIGIN ?? `http://${originHost}:${env.PORT}`).replace(/\/$/, ''),
		FENGHUO_DEMO: env.FENGHUO_DEMO ?? (env.NODE_ENV === 'development' ? 'on' : 'off')
	};
}

let cached: Env | undefined;
/** The process environment, parsed once. */
export function env(): Env {
	cached ??= parseEnv(process.env);
	return cached;
}
