import { applyEvents, emptyPicture, type Picture } from '../../domain/picture';
import { getEventStore } from '../events/app';
import { toWire } from '../realtime/hub';

/**
 * The national command picture folded from the whole log, kept in memory and brought up to
 * date incrementally (only rows after the last fold are read). Statistics and the review
 * screen read it; nothing mutates it but this module. A restart folds from seq 0 again: the
 * `picture_snapshots` the review screen writes are per room and window (src/lib/server/review);
 * this national fold does not start from them.
 */
let cache: { picture: Picture } | undefined;

const PAGE = 5000;

export async function currentPicture(): Promise<Picture> {
	const store = await getEventStore();
	const head = await store.headSeq();
	if (!cache || cache.picture.seq > head) cache = { picture: emptyPicture() };
	const picture = cache.picture;
	while (picture.seq < head) {
		const page = await store.read(picture.seq, PAGE);
		if (page.length === 0) break;
		applyEvents(picture, page.map(toWire));
	}
	return picture;
}
