import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { formAction } from '$lib/server/ops/forms';
import { fileIntake, isProcessor } from '$lib/server/ops/intake';
import { one } from '$lib/server/ops/result';
import { displayNameOf, requireActor } from '$lib/server/ops/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals);
	if (!isProcessor(actor)) error(403, 'this form is for data processors');
	return {
		lang: locals.lang,
		displayName: displayNameOf(locals),
		homeRegion: actor.region ?? '',
		key: randomUUID()
	};
};

export const actions: Actions = {
	default: formAction((deps, actor, f, event) =>
		fileIntake(
			deps,
			// Until accounts expose the organisation's registered name, the reporting unit's.
			{ actor, orgName: one(f, 'unitName') || displayNameOf(event.locals) },
			f
		)
	)
};
