import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { agencyPage, agencySelfAction, isAgencyActor } from '$lib/server/ops/agency';
import { formAction } from '$lib/server/ops/forms';
import { displayNameOf, liveRoomOf, requireActor } from '$lib/server/ops/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals);
	if (!isAgencyActor(actor)) error(403, 'this page is for support agencies');
	const page = await agencyPage(actor);
	if (!page) error(404, 'agency not registered');
	const { view, standbyRooms } = page;
	return {
		view,
		rooms: [liveRoomOf(locals), ...standbyRooms],
		lang: locals.lang,
		displayName: displayNameOf(locals),
		key: randomUUID()
	};
};

export const actions: Actions = {
	accept: formAction((deps, actor, f) => agencySelfAction(deps, actor, 'accept', f)),
	decline: formAction((deps, actor, f) => agencySelfAction(deps, actor, 'decline', f)),
	progress: formAction((deps, actor, f) => agencySelfAction(deps, actor, 'progress', f))
};
