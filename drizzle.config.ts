import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used (never push): migrations are reviewed SQL in drizzle/,
// applied in-process at start-up on PGlite and PostgreSQL alike.
export default defineConfig({
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle',
	dialect: 'postgresql',
	casing: 'snake_case'
});
