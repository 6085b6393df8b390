import { EVENT_CATALOG } from '../../domain/catalog';
import { env } from '../config/env';
import { getDatabase } from '../db';
import { loadChainKey } from './chain';
import { PROJECTORS } from '../projections';
import { EventStore } from './store';

let store: Promise<EventStore> | undefined;

/** This module copy's event store over the process's database (see db/index.ts). */
export function getEventStore(): Promise<EventStore> {
	store ??= (async () => {
		const e = env();
		const database = await getDatabase();
		return new EventStore(database, {
			catalog: EVENT_CATALOG,
			chainKey: loadChainKey({ hex: e.FENGHUO_CHAIN_KEY, dataDir: e.FENGHUO_DATA_DIR }),
			chainAlg: e.FENGHUO_CHAIN_ALG === 'sm3' ? 'hmac-sm3' : 'hmac-sha256',
			projectors: PROJECTORS
		});
	})();
	store.catch(() => (store = undefined));
	return store;
}
