/**
 * `npm run projections:rebuild`: drop every read model and rebuild it from the log, in one
 * transaction (appends wait meanwhile). Embedded mode: stop the server first.
 */
import { closeDatabase } from '../../src/lib/server/db';
import { getEventStore } from '../../src/lib/server/events/app';

const started = performance.now();
const store = await getEventStore();
try {
	const { events } = await store.rebuildProjections();
	console.log(
		`rebuilt projections from ${events} events in ${Math.round(performance.now() - started)} ms`
	);
} finally {
	await closeDatabase();
}
