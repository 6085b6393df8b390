/** `npm run db:migrate`: apply drizzle/ migrations (the server also does this at start-up). */
import { closeDatabase, getDatabase } from '../../src/lib/server/db';

const database = await getDatabase();
console.log(`migrations applied (${database.kind})`);
await closeDatabase();
