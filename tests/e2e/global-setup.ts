import { existsSync } from 'node:fs';
import postgres from 'postgres';

/**
 * One fresh PostgreSQL database per run (dropped at the end); tests get its URL through
 * process.env, which Playwright's workers inherit.
 */
export default async function globalSetup() {
	if (!existsSync('build/handler.js')) {
		throw new Error(
			'build/handler.js is missing: run `npm run build` first (npm run test:e2e does).'
		);
	}
	const adminUrl = process.env.FENGHUO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
	const name = `fh_e2e_${Date.now().toString(36)}_${process.pid}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	process.env.FENGHUO_E2E_DATABASE_URL = url.toString();
	return async () => {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end();
	};
}
