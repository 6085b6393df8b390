import { error } from '@sveltejs/kit';
import { homeRoom } from '$lib/server/auth/policy';
import { recentEvents } from '$lib/server/queries/log';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	// The hook let only signed-in people in; each follows its own scope's room.
	const room = homeRoom(locals.principal);
	if (!room) error(403, 'no scope');
	const { seq, events } = await recentEvents(room, 50);
	const p = locals.principal;
	return {
		seq,
		events,
		room,
		lang: locals.lang,
		user: p.kind === 'user' ? { displayName: p.displayName, role: p.role } : null
	};
};
