import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { CAPABILITIES, type AgencyCommand, type AgencyState } from '../../domain/agency';
import {
	inCharge,
	REPORT_CHANNELS,
	type Incident,
	type IncidentCommand,
	type IncidentCommandOf,
	type IncidentState
} from '../../domain/incident';
import { LEVELS, SECTORS, WARNING_COLOURS, type WarningColour } from '../../domain/levels';
import { isRegionCode } from '../../domain/regions';
import type { WarningCommand, WarningState } from '../../domain/warning';
import type { WatchCommand } from '../../domain/watch';
import {
	agencyAggregate,
	incidentAggregate,
	warningAggregate,
	watchAggregate,
	type AggregateSpec
} from '../commands/aggregates';
import { execute, toDomain } from '../commands/execute';
import type { DomainEvent } from '../../domain/decider';
import type { EventStore } from '../events/store';
import { startDrill, stopDrill, type DrillDeps } from '../scenario';
import {
	attempt,
	invalidFields,
	lines,
	many,
	notFound,
	one,
	parse,
	type FormFields,
	type OpsResult
} from './result';
import type { IncidentAction, IncidentActionCommand } from '../../shared/console';
import { isConsoleActor } from './scope';

/**
 * The on-duty console's actions: form fields in, a domain command run through `execute` with
 * the signed-in actor, an OpsResult out. Each function checks the actor's scope itself (so a
 * route cannot forget to), and the deciders check again who may issue the command.
 */

export interface OpsDeps {
	store: EventStore;
	now?: Date;
	drills?: DrillDeps;
}

async function fold<C, E extends DomainEvent, S>(
	store: EventStore,
	spec: AggregateSpec<C, E, S>,
	id: string
): Promise<S> {
	const events = await store.readStream(spec.stream(id));
	return events.map((e) => toDomain<E>(e)).reduce(spec.decider.evolve, spec.decider.initialState);
}

export const readIncident = (store: EventStore, id: string): Promise<IncidentState> =>
	fold(store, incidentAggregate, id);
export const readAgency = (store: EventStore, id: string): Promise<AgencyState> =>
	fold(store, agencyAggregate, id);
export const readWarning = (store: EventStore, id: string): Promise<WarningState> =>
	fold(store, warningAggregate, id);

/** The incident, if it is in the console actor's charge; otherwise "not found". */
async function incidentInScope(store: EventStore, actor: Actor, id: string): Promise<Incident> {
	if (!id || !isConsoleActor(actor)) throw notFound('no such incident');
	const s = await readIncident(store, id);
	if (s.status === 'none' || !inCharge(actor, s)) throw notFound('no such incident');
	return s;
}

/** A per-submission key the form carries, so a double submit appends once. */
export const keyOf = (actor: Actor, f: FormFields) => {
	const k = one(f, 'key');
	return /^[A-Za-z0-9-]{8,64}$/.test(k) ? { idempotencyKey: `ops:${actor.id}:${k}` } : {};
};

const level = z.enum(LEVELS, { message: 'required' });
const channel = z.enum(REPORT_CHANNELS, { message: 'required' });
const reason = z.string().trim().min(1, 'reason_required').max(2000);
const note = z.string().trim().min(1, 'required').max(20_000);

export type { IncidentAction };

/**
 * Each incident action's form, read into the command INCIDENT_ACTIONS names for it (a new
 * action there needs its reader here, or this does not compile). Only the form's own shape is
 * checked here; the rules are decide's.
 */
const FORM_COMMANDS: {
	[A in IncidentAction]: (
		f: FormFields,
		s: Incident
	) => IncidentCommandOf<IncidentActionCommand<A>>;
} = {
	confirm: (f, s) => {
		const d = parse(z.object({ level, reason: z.string().trim().max(2000) }), {
			level: one(f, 'level') || s.level,
			reason: one(f, 'reason')
		});
		return {
			type: 'ConfirmLevel',
			data: { level: d.level, ...(d.reason ? { reason: d.reason } : {}) }
		};
	},
	changeLevel: (f) => ({
		type: 'ChangeLevel',
		data: parse(z.object({ level, reason }), { level: one(f, 'level'), reason: one(f, 'reason') })
	}),
	escalate: (f) => ({
		type: 'EscalateToMinistry',
		data: parse(z.object({ channel }), { channel: one(f, 'channel') })
	}),
	leadingGroup: (f) => ({
		type: 'ReportToLeadingGroup',
		data: parse(z.object({ channel }), { channel: one(f, 'channel') })
	}),
	startResponse: (f, s) => {
		const approval = one(f, 'approval');
		return {
			type: 'StartResponse',
			data: { level: s.level ?? 'general', ...(approval ? { approval } : {}) }
		};
	},
	endResponse: (f) => {
		const approval = one(f, 'approval');
		return { type: 'EndResponse', data: approval ? { approval } : {} };
	},
	progress: (f) => ({
		type: 'RecordProgress',
		data: parse(z.object({ note }), { note: one(f, 'note') })
	})
};

/** One of the console's incident actions (confirm, change level, escalate, respond, progress). */
export function incidentAction(
	deps: OpsDeps,
	actor: Actor,
	incidentId: string,
	action: IncidentAction,
	f: FormFields
): Promise<OpsResult> {
	return attempt(action, async () => {
		const s = await incidentInScope(deps.store, actor, incidentId);
		const command: IncidentCommand = FORM_COMMANDS[action](f, s);
		const r = await execute(deps.store, incidentAggregate, incidentId, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...keyOf(actor, f)
		});
		return { seq: r.seq };
	});
}

/** Assign a support agency to an incident in the actor's charge. */
export function assignAgency(
	deps: OpsDeps,
	actor: Actor,
	incidentId: string,
	f: FormFields
): Promise<OpsResult> {
	return attempt('assignAgency', async () => {
		const s = await incidentInScope(deps.store, actor, incidentId);
		const d = parse(
			z.object({
				agencyId: z.string().min(1, 'required'),
				capability: z.enum(CAPABILITIES, { message: 'required' })
			}),
			{ agencyId: one(f, 'agencyId'), capability: one(f, 'capability') }
		);
		const agency = await readAgency(deps.store, d.agencyId);
		if (agency.status === 'none') throw invalidFields({ agencyId: 'agency.not_found' });
		const assignmentId = randomUUID();
		const command: AgencyCommand = {
			type: 'AssignAgency',
			data: {
				assignmentId,
				incidentId,
				incidentRegion: s.region,
				incidentSector: s.sector,
				incidentStatus: s.status,
				capability: d.capability,
				drill: s.drill
			}
		};
		const r = await execute(deps.store, agencyAggregate, d.agencyId, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...keyOf(actor, f)
		});
		return { seq: r.seq, id: assignmentId };
	});
}

/** Release an agency from an assignment on an incident in the actor's charge. */
export function releaseAgency(deps: OpsDeps, actor: Actor, f: FormFields): Promise<OpsResult> {
	return attempt('releaseAgency', async () => {
		const agencyId = one(f, 'agencyId');
		const assignmentId = one(f, 'assignmentId');
		const agency = agencyId ? await readAgency(deps.store, agencyId) : undefined;
		const a =
			agency?.status === 'registered'
				? agency.assignments.find((x) => x.assignmentId === assignmentId)
				: undefined;
		if (!a) throw notFound('no such assignment');
		await incidentInScope(deps.store, actor, a.incidentId);
		const why = one(f, 'reason');
		const r = await execute(
			deps.store,
			agencyAggregate,
			agencyId,
			{ type: 'ReleaseAgency', data: { assignmentId, ...(why ? { reason: why } : {}) } },
			{ actor, ...(deps.now ? { now: deps.now } : {}), ...keyOf(actor, f) }
		);
		return { seq: r.seq };
	});
}

/** `<input type="datetime-local">` is China time (the plan's clocks are); stored as UTC. */
export function chinaLocalToIso(value: string): string | undefined {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
	const ms = Date.parse(`${value}:00+08:00`);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const when = (f: FormFields, name: string, errors: Record<string, string>, optional = false) => {
	const raw = one(f, name);
	if (!raw) {
		if (!optional) errors[name] = 'required';
		return undefined;
	}
	const iso = chinaLocalToIso(raw);
	if (!iso) errors[name] = 'invalid_time';
	return iso;
};

const regionList = (f: FormFields, actor: Actor, errors: Record<string, string>) => {
	const regions = many(f, 'regions');
	const list = regions.length > 0 ? regions : actor.role === 'regulator' ? [actor.region!] : [];
	if (list.length === 0) errors.regions = 'required';
	else if (!list.every(isRegionCode)) errors.regions = 'invalid_region';
	return list;
};

export const WARNING_ACTIONS = ['issueWarning', 'adjustWarning', 'liftWarning'] as const;
export type WarningAction = (typeof WARNING_ACTIONS)[number];

function warningCommand(action: WarningAction, actor: Actor, f: FormFields): WarningCommand {
	const errors: Record<string, string> = {};
	if (action === 'issueWarning') {
		const colour = one(f, 'colour');
		if (!(WARNING_COLOURS as readonly string[]).includes(colour)) errors.colour = 'required';
		const regions = regionList(f, actor, errors);
		const sectorsIn = many(f, 'sectors');
		const sectors =
			sectorsIn.length > 0 ? sectorsIn : actor.role === 'regulator' ? [actor.sector!] : [];
		if (sectors.length === 0 || !sectors.every((s) => (SECTORS as readonly string[]).includes(s)))
			errors.sectors = 'required';
		const title = one(f, 'title');
		if (!title) errors.title = 'required';
		const likelyHarm = one(f, 'likelyHarm');
		if (!likelyHarm) errors.likelyHarm = 'required';
		const requiredActions = lines(f, 'requiredActions');
		if (requiredActions.length === 0) errors.requiredActions = 'required';
		const validFrom = when(f, 'validFrom', errors);
		const validUntil = when(f, 'validUntil', errors);
		const handlingDeadline = when(f, 'handlingDeadline', errors, true);
		if (validFrom && validUntil && Date.parse(validUntil) <= Date.parse(validFrom))
			errors.validUntil = 'invalid_window';
		if (Object.keys(errors).length > 0) throw invalidFields(errors);
		return {
			type: 'IssueWarning',
			warningId: randomUUID(),
			colour: colour as WarningColour,
			scope: { regions, sectors: sectors as (typeof SECTORS)[number][] },
			validFrom: validFrom!,
			validUntil: validUntil!,
			title,
			likelyHarm,
			requiredActions,
			...(handlingDeadline ? { handlingDeadline } : {})
		};
	}
	const warningId = one(f, 'warningId');
	const why = one(f, 'reason');
	if (!why) errors.reason = 'reason_required';
	if (action === 'adjustWarning') {
		const colour = one(f, 'colour');
		if (!(WARNING_COLOURS as readonly string[]).includes(colour)) errors.colour = 'required';
		if (Object.keys(errors).length > 0) throw invalidFields(errors);
		return {
			type: 'AdjustWarning',
			warningId,
			colour: colour as WarningColour,
			reason: why
		};
	}
	if (Object.keys(errors).length > 0) throw invalidFields(errors);
	return { type: 'LiftWarning', warningId, reason: why };
}

/** Issue, adjust (re-issue at another colour) or lift a warning; colour rules are the domain's. */
export function warningAction(
	deps: OpsDeps,
	actor: Actor,
	action: WarningAction,
	f: FormFields
): Promise<OpsResult> {
	return attempt(action, async () => {
		if (!isConsoleActor(actor)) throw notFound('no console');
		const command = warningCommand(action, actor, f);
		if (action !== 'issueWarning') {
			const w = await readWarning(deps.store, command.warningId);
			if (w.status === 'not_issued') throw notFound('no such warning');
		}
		const r = await execute(deps.store, warningAggregate, command.warningId, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...keyOf(actor, f)
		});
		return { seq: r.seq, id: command.warningId };
	});
}

/** "orgId, name, region" per line. */
function processorLines(f: FormFields, errors: Record<string, string>) {
	return lines(f, 'processors').map((l) => {
		const [orgId = '', name = '', region = ''] = l.split(/[,，]/).map((s) => s.trim());
		if (!orgId || !name || !isRegionCode(region)) errors.processors = 'invalid_processor_line';
		return { orgId, name, region };
	});
}

/** Declare a watch period (重大活动保障期) over regions, optionally with stricter clocks. */
export function createWatch(deps: OpsDeps, actor: Actor, f: FormFields): Promise<OpsResult> {
	return attempt('createWatch', async () => {
		if (!isConsoleActor(actor)) throw notFound('no console');
		const errors: Record<string, string> = {};
		const name = one(f, 'name');
		if (!name) errors.name = 'required';
		const startsAt = when(f, 'startsAt', errors);
		const endsAt = when(f, 'endsAt', errors);
		const regions = regionList(f, actor, errors);
		const designatedProcessors = processorLines(f, errors);
		const reportLocal = one(f, 'reportLocalMinutes');
		const minutes = reportLocal ? Number(reportLocal) : undefined;
		if (minutes !== undefined && !(Number.isInteger(minutes) && minutes > 0))
			errors.reportLocalMinutes = 'invalid_number';
		if (Object.keys(errors).length > 0) throw invalidFields(errors);
		const watchId = randomUUID();
		const command: WatchCommand = {
			type: 'CreateWatchPeriod',
			data: {
				watchId,
				name,
				startsAt: startsAt!,
				endsAt: endsAt!,
				regions,
				clockOverrides: minutes !== undefined ? { reportLocal: minutes } : {},
				designatedProcessors
			}
		};
		const r = await execute(deps.store, watchAggregate, watchId, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...keyOf(actor, f)
		});
		return { seq: r.seq, id: watchId };
	});
}

/** Start a drill from one of the scenario scripts, for chosen regions. */
export function startDrillAction(deps: OpsDeps, actor: Actor, f: FormFields): Promise<OpsResult> {
	return attempt('startDrill', async () => {
		if (!isConsoleActor(actor)) throw notFound('no console');
		const errors: Record<string, string> = {};
		const scenarioId = one(f, 'scenarioId');
		if (!scenarioId) errors.scenarioId = 'required';
		const regions = regionList(f, actor, errors);
		if (Object.keys(errors).length > 0) throw invalidFields(errors);
		const id = await startDrill(
			actor,
			{ scenarioId, regions },
			{ store: deps.store, ...deps.drills }
		);
		return { seq: 0, id };
	});
}

export function stopDrillAction(deps: OpsDeps, actor: Actor, f: FormFields): Promise<OpsResult> {
	return attempt('stopDrill', async () => {
		if (!isConsoleActor(actor)) throw notFound('no console');
		const why = one(f, 'reason');
		if (!why) throw invalidFields({ reason: 'reason_required' });
		await stopDrill(actor, one(f, 'drillId'), why, { store: deps.store, ...deps.drills });
		return { seq: 0 };
	});
}
