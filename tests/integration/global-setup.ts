import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		pgAdminUrl: string;
		pgRunPrefix: string;
	}
}

/**
 * For the PostgreSQL project: check the server answers, and hand each test file a name prefix
 * for its own fresh databases (tests/integration/helpers.ts); drop them all at the end.
 */
export default async function setup(project: TestProject) {
	if (!project.name.endsWith('postgres')) return;
	const adminUrl = process.env.FENGHUO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
	const prefix = `fh_t${Date.now().toString(36)}_${process.pid}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await admin`select 1`;
	} catch (err) {
		await admin.end();
		throw new Error(
			`PostgreSQL at ${adminUrl} does not answer (${String(err)}). Start it or set FENGHUO_TEST_PG_URL.`
		);
	}
	project.provide('pgAdminUrl', adminUrl);
	project.provide('pgRunPrefix', prefix);
	return async () => {
		const dbs = await admin<{ datname: string }[]>`
			select datname from pg_database where datname like ${prefix + '%'}`;
		for (const { datname } of dbs) {
			await admin.unsafe(`drop database if exists "${datname}" with (force)`);
		}
		await admin.end();
	};
}
