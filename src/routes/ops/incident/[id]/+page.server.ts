import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { pictureFor } from '$lib/server/queries/picture';
import {
	assignAgency,
	incidentAction,
	releaseAgency,
	type IncidentAction
} from '$lib/server/ops/commands';
import { formAction } from '$lib/server/ops/forms';
import { inCharge } from '$lib/domain/incident';
import { isConsoleActor, scopePicture } from '$lib/server/ops/scope';
import { displayNameOf, liveRoomOf, requireActor } from '$lib/server/ops/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireActor(locals);
	if (!isConsoleActor(actor)) error(403, 'the console is for regulators and the ministry');
	// The policy's room for this person: its picture first, then its live events.
	const room = liveRoomOf(locals);
	const picture = scopePicture(await pictureFor(room), actor);
	const incident = picture.incidents[params.id];
	// Out of scope and missing look the same.
	if (!incident || incident.status === 'none' || !inCharge(actor, incident))
		error(404, 'no such incident');
	return {
		actor,
		displayName: displayNameOf(locals),
		room,
		picture,
		incidentId: params.id,
		now: new Date().toISOString(),
		lang: locals.lang,
		key: randomUUID()
	};
};

const incident = (action: IncidentAction) =>
	formAction((deps, actor, f, event) =>
		incidentAction(deps, actor, event.params.id ?? '', action, f)
	);

export const actions: Actions = {
	confirm: incident('confirm'),
	changeLevel: incident('changeLevel'),
	escalate: incident('escalate'),
	leadingGroup: incident('leadingGroup'),
	startResponse: incident('startResponse'),
	endResponse: incident('endResponse'),
	progress: incident('progress'),
	assign: formAction((deps, actor, f, event) =>
		assignAgency(deps, actor, event.params.id ?? '', f)
	),
	release: formAction(releaseAgency)
};
