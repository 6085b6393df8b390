import type { Actor } from '../../domain/actor';
import type { AgencyCommand } from '../../domain/agency';
import { agencyAggregate } from '../commands/aggregates';
import { execute } from '../commands/execute';
import { readAgency, type OpsDeps } from './commands';
import { attempt, InputError, NotFound, one, type FormFields, type OpsResult } from './result';

/**
 * The support agency's own actions on its assignments. The agency is the signed-in actor's
 * (`actor.agencyId`); an assignment id from the form is only looked up within it.
 */
export const AGENCY_ACTIONS = ['accept', 'decline', 'progress'] as const;
export type AgencyAction = (typeof AGENCY_ACTIONS)[number];

export function isAgencyActor(actor: Actor | null): actor is Actor & { agencyId: string } {
	return actor?.role === 'agency' && !!actor.agencyId;
}

export function agencySelfAction(
	deps: OpsDeps,
	actor: Actor,
	action: AgencyAction,
	f: FormFields
): Promise<OpsResult> {
	return attempt(`agency.${action}`, async () => {
		if (!isAgencyActor(actor)) throw new NotFound('no agency');
		const state = await readAgency(deps.store, actor.agencyId);
		const assignmentId = one(f, 'assignmentId');
		if (state.status === 'none' || !state.assignments.some((a) => a.assignmentId === assignmentId))
			throw new NotFound('no such assignment');
		let command: AgencyCommand;
		if (action === 'accept') command = { type: 'AcceptAssignment', data: { assignmentId } };
		else if (action === 'decline') {
			const reason = one(f, 'reason');
			if (!reason) throw new InputError({ reason: 'reason_required' });
			command = { type: 'DeclineAssignment', data: { assignmentId, reason } };
		} else {
			const note = one(f, 'note');
			if (!note) throw new InputError({ note: 'required' });
			command = {
				type: 'RecordAgencyProgress',
				data: { assignmentId, note, onSite: one(f, 'onSite') === 'on' }
			};
		}
		const key = one(f, 'key');
		const r = await execute(deps.store, agencyAggregate, actor.agencyId, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...(/^[A-Za-z0-9-]{8,64}$/.test(key) ? { idempotencyKey: `ops:${actor.id}:${key}` } : {})
		});
		return { seq: r.seq };
	});
}
