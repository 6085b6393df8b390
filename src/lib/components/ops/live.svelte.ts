import { untrack } from 'svelte';
import { WallStore } from '$lib/client/wall/wall-store.svelte';
import type { Picture } from '$lib/domain/picture';
import type { Room } from '$lib/shared/socket';

/**
 * The console's live picture: the server-rendered picture of the actor's room, kept current by
 * the room's events (the wall's store, so console and wall fold the same way). A new server
 * picture (after a form action, or a navigation) starts a new store from it.
 */
export function livePicture(source: () => { room: Room; picture: Picture; now: string }) {
	const store = $derived(new WallStore({ ...source(), events: [] }));
	$effect(() => {
		const s = store;
		return untrack(() => s.start());
	});
	return {
		get store() {
			return store;
		}
	};
}
