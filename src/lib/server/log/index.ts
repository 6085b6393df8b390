import { pino, type Logger } from 'pino';
import { env } from '../config/env';

let root: Logger | undefined;

/** Structured JSON logs (pino). One root logger per module copy; children carry `module`. */
export function logger(module: string): Logger {
	root ??= pino({ level: env().LOG_LEVEL, base: { app: 'fenghuo' } });
	return root.child({ module });
}
