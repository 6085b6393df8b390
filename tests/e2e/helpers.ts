import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events/store';
import type { AppServer } from './fixtures';

/** An event store in the test process on the server's database: another "node". */
export async function storeFor(app: AppServer): Promise<{ store: EventStore; database: Database }> {
	const database = await openDatabase({ url: app.env.DATABASE_URL, max: 2 });
	const store = new EventStore(database, {
		catalog: EVENT_CATALOG,
		chainKey: Buffer.from(app.env.FENGHUO_CHAIN_KEY!, 'hex')
	});
	return { store, database };
}

export function dutyLog(text: string, region = '440000') {
	return {
		streamId: `dutylog-${region}`,
		expectedVersion: 'any' as const,
		actor: 'e2e-officer',
		events: [
			{
				type: 'DutyLogEntryRecorded',
				region,
				payload: { at: new Date().toISOString(), by: 'e2e-officer', text }
			}
		]
	};
}
