import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { DRILL_SCRIPTS } from '$lib/domain/scenario';
import { pictureFor } from '$lib/server/queries/picture';
import {
	createWatch,
	startDrillAction,
	stopDrillAction,
	warningAction
} from '$lib/server/ops/commands';
import { formAction } from '$lib/server/ops/forms';
import { isConsoleActor, scopePicture } from '$lib/server/ops/scope';
import { displayNameOf, liveRoomOf, requireActor } from '$lib/server/ops/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals);
	if (!isConsoleActor(actor)) error(403, 'the console is for regulators and the ministry');
	// The policy's room for this person: its picture first, then its live events.
	const room = liveRoomOf(locals);
	return {
		actor,
		displayName: displayNameOf(locals),
		room,
		picture: scopePicture(await pictureFor(room), actor),
		now: new Date().toISOString(),
		lang: locals.lang,
		key: randomUUID(),
		scripts: Object.values(DRILL_SCRIPTS).map((s) => ({ id: s.id, name: s.name }))
	};
};

export const actions: Actions = {
	issueWarning: formAction((deps, actor, f) => warningAction(deps, actor, 'issueWarning', f)),
	adjustWarning: formAction((deps, actor, f) => warningAction(deps, actor, 'adjustWarning', f)),
	liftWarning: formAction((deps, actor, f) => warningAction(deps, actor, 'liftWarning', f)),
	createWatch: formAction(createWatch),
	startDrill: formAction(startDrillAction),
	stopDrill: formAction(stopDrillAction)
};
