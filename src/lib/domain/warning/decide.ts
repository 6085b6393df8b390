import type { Actor } from '../actor';
import { parseInstant } from '../calendar/calendar';
import { DomainError, refusals } from '../errors';
import { SECTORS, WARNING_COLOURS, type WarningColour } from '../levels';
import { regionByCode } from '../regions/index';
import type {
	AdjustWarning,
	IssueWarning,
	LiftWarning,
	LinkIncident,
	WarningCommand
} from './commands';
import type { WarningEvent, WarningIssuer, WarningScope } from './events';
import type { IssuedWarning, WarningState } from './evolve';
import {
	adjustableColours,
	issuableColours,
	warningDenial,
	type WarningDenial
} from './permissions';

export interface WarningContext {
	/** When the command is decided (ISO); becomes every event's `at`. */
	now: string;
	actor: Actor;
}

/** The warning's refusals, by kind (codes `warning.…`). */
const fail = refusals('warning');

const DENIAL_MESSAGE: Record<WarningDenial, string> = {
	colour_requires_ministry: 'Only the ministry may act on a red or orange warning',
	outside_jurisdiction: "The warning's scope is outside the regulator's own region and sector",
	role_not_allowed: 'This role may not act on warnings'
};

function authorize(
	actor: Actor,
	command: WarningCommand['type'],
	colour: WarningColour,
	scopes: WarningScope[]
): void {
	const denial = warningDenial(actor, command, colour, scopes);
	if (denial) {
		throw new DomainError('forbidden', 'warning.forbidden', DENIAL_MESSAGE[denial], {
			messageKey: `warning.${denial}`,
			details: { reason: denial, command, colour, role: actor.role }
		});
	}
}

/** Canonical UTC form, so the log never holds the same instant spelled two ways. */
function instant(value: string, field: string): { iso: string; ms: number } {
	const ms = parseInstant(value, field);
	return { iso: new Date(ms).toISOString(), ms };
}

function requireText(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw fail.invalid('field_required', `${field} is required`, field);
	}
	return value.trim();
}

function requireTexts(values: unknown, field: string): string[] {
	if (!Array.isArray(values) || values.length === 0) {
		throw fail.invalid('field_required', `${field} needs at least one entry`, field);
	}
	return values.map((v, i) => requireText(v, `${field}.${i}`));
}

function checkColour(colour: unknown): WarningColour {
	if (!WARNING_COLOURS.includes(colour as WarningColour)) {
		throw fail.invalid('invalid_colour', `Unknown warning colour: ${String(colour)}`, 'colour');
	}
	return colour as WarningColour;
}

function checkScope(scope: WarningScope | undefined): WarningScope {
	const regions = scope?.regions ?? [];
	const sectors = scope?.sectors ?? [];
	if (regions.length === 0 || sectors.length === 0) {
		throw fail.invalid(
			'empty_scope',
			'A warning needs at least one region and one sector',
			'scope'
		);
	}
	regions.forEach((code, i) => {
		const region = regionByCode(code);
		if (!region)
			throw fail.invalid('unknown_region', `Unknown region code: ${code}`, `scope.regions.${i}`);
		// Taiwan, Hong Kong and Macau are on the map but have no MIIT-line regulator to warn.
		if (!region.regulated) {
			throw fail.invalid(
				'region_unregulated',
				`No MIIT-line regulator in ${code}`,
				`scope.regions.${i}`
			);
		}
	});
	sectors.forEach((s, i) => {
		if (!SECTORS.includes(s))
			throw fail.invalid('invalid_sector', `Unknown sector: ${s}`, `scope.sectors.${i}`);
	});
	if (new Set(regions).size !== regions.length || new Set(sectors).size !== sectors.length) {
		throw fail.invalid('duplicate_scope', 'A region or sector is listed twice', 'scope');
	}
	return { regions: [...regions], sectors: [...sectors] };
}

function checkValidity(fromMs: number, untilMs: number, nowMs: number): void {
	if (untilMs <= fromMs) {
		throw fail.invalid('invalid_validity', 'validUntil must be after validFrom', 'validUntil');
	}
	if (untilMs <= nowMs) {
		throw fail.invalid('already_expired', 'validUntil is already past', 'validUntil');
	}
}

/**
 * Why the warning as it stands refuses `command` at `nowMs`, whatever the command's data says
 * (null: it does not). Written once: `decide` refuses with it, screens offer commands with it.
 */
function stateRefusal(
	command: WarningCommand['type'],
	state: WarningState,
	nowMs: number
): DomainError | null {
	if (command === 'IssueWarning')
		return state.status === 'not_issued'
			? null
			: fail.conflict(
					'already_issued',
					`Warning ${state.warningId} is already issued`,
					'warningId'
				);
	if (state.status === 'not_issued')
		return fail.notFound('not_issued', 'The warning has not been issued', 'warningId');
	if (command === 'AdjustWarning') {
		if (state.status === 'lifted')
			return fail.conflict('lifted', `Warning ${state.warningId} has been lifted`);
		if (nowMs >= parseInstant(state.validUntil))
			return fail.conflict('expired', `Warning ${state.warningId} has expired; issue a new one`);
	}
	// Lifting an expired warning is allowed: it closes the record explicitly (解除).
	if (command === 'LiftWarning' && state.status === 'lifted')
		return fail.conflict('already_lifted', `Warning ${state.warningId} has already been lifted`);
	return null;
}

function requireState(command: WarningCommand['type'], state: WarningState, nowMs: number): void {
	const refused = stateRefusal(command, state, nowMs);
	if (refused) throw refused;
}

function requireIssued(
	command: WarningCommand['type'],
	state: WarningState,
	warningId: string,
	nowMs: number
): IssuedWarning {
	requireState(command, state, nowMs);
	const w = state as IssuedWarning;
	if (w.warningId !== warningId) {
		throw fail.invalid(
			'id_mismatch',
			`Command for ${warningId} applied to ${w.warningId}`,
			'warningId'
		);
	}
	return w;
}

/**
 * Whether `actor` could run `command` on this warning at `now` with suitable data (a colour
 * it may re-issue in, a reason): the state allows it and the actor may act on the warning's
 * colour and scope. Issuing needs a colour the actor may issue over its own jurisdiction.
 */
export function warningCommandAvailable(
	actor: Actor,
	state: WarningState,
	command: WarningCommand['type'],
	now: string
): boolean {
	if (stateRefusal(command, state, parseInstant(now)) !== null) return false;
	if (command === 'IssueWarning') return issuableColours(actor).length > 0;
	const w = state as IssuedWarning;
	if (command === 'AdjustWarning') return adjustableColours(actor, w).length > 0;
	return warningDenial(actor, command, w.colour, [w.scope]) === null;
}

function issuerOf(actor: Actor): WarningIssuer {
	return actor.role === 'regulator' && actor.region && actor.sector
		? { role: 'regulator', region: actor.region, sector: actor.sector }
		: { role: 'ministry' };
}

function issue(cmd: IssueWarning, state: WarningState, ctx: Ctx): WarningEvent[] {
	requireState('IssueWarning', state, ctx.nowMs);
	const warningId = requireText(cmd.warningId, 'warningId');
	const colour = checkColour(cmd.colour);
	const scope = checkScope(cmd.scope);
	const from = instant(cmd.validFrom, 'validFrom');
	const until = instant(cmd.validUntil, 'validUntil');
	checkValidity(from.ms, until.ms, ctx.nowMs);
	let handlingDeadline: string | null = null;
	if (cmd.handlingDeadline !== undefined) {
		const deadline = instant(cmd.handlingDeadline, 'handlingDeadline');
		if (deadline.ms <= from.ms) {
			throw fail.invalid(
				'invalid_deadline',
				'handlingDeadline must be after validFrom',
				'handlingDeadline'
			);
		}
		handlingDeadline = deadline.iso;
	}
	const title = requireText(cmd.title, 'title');
	const likelyHarm = requireText(cmd.likelyHarm, 'likelyHarm');
	const requiredActions = requireTexts(cmd.requiredActions, 'requiredActions');
	const recipients = (cmd.recipients ?? []).map((r, i) => requireText(r, `recipients.${i}`));
	authorize(ctx.actor, 'IssueWarning', colour, [scope]);
	return [
		{
			type: 'WarningIssued',
			data: {
				warningId,
				colour,
				scope,
				validFrom: from.iso,
				validUntil: until.iso,
				title,
				likelyHarm,
				requiredActions,
				handlingDeadline,
				recipients,
				issuer: issuerOf(ctx.actor),
				at: ctx.at,
				by: ctx.actor.id
			}
		}
	];
}

function adjust(cmd: AdjustWarning, state: WarningState, ctx: Ctx): WarningEvent[] {
	const w = requireIssued('AdjustWarning', state, cmd.warningId, ctx.nowMs);
	const colour = checkColour(cmd.colour);
	if (colour === w.colour) {
		throw fail.conflict('same_colour', `Warning ${w.warningId} is already ${colour}`, 'colour');
	}
	const reason = requireText(cmd.reason, 'reason');
	const scope = cmd.scope === undefined ? w.scope : checkScope(cmd.scope);
	let validUntil = w.validUntil;
	if (cmd.validUntil !== undefined) {
		const until = instant(cmd.validUntil, 'validUntil');
		checkValidity(parseInstant(w.validFrom), until.ms, ctx.nowMs);
		validUntil = until.iso;
	}
	const requiredActions =
		cmd.requiredActions === undefined
			? w.requiredActions
			: requireTexts(cmd.requiredActions, 'requiredActions');
	authorize(ctx.actor, 'AdjustWarning', w.colour, [w.scope, scope]);
	authorize(ctx.actor, 'AdjustWarning', colour, [w.scope, scope]);
	return [
		{
			type: 'WarningAdjusted',
			data: {
				warningId: w.warningId,
				fromColour: w.colour,
				colour,
				reason,
				scope,
				validUntil,
				requiredActions,
				at: ctx.at,
				by: ctx.actor.id
			}
		}
	];
}

function lift(cmd: LiftWarning, state: WarningState, ctx: Ctx): WarningEvent[] {
	const w = requireIssued('LiftWarning', state, cmd.warningId, ctx.nowMs);
	const reason = requireText(cmd.reason, 'reason');
	authorize(ctx.actor, 'LiftWarning', w.colour, [w.scope]);
	return [
		{
			type: 'WarningLifted',
			data: { warningId: w.warningId, reason, at: ctx.at, by: ctx.actor.id }
		}
	];
}

function link(cmd: LinkIncident, state: WarningState, ctx: Ctx): WarningEvent[] {
	const w = requireIssued('LinkIncident', state, cmd.warningId, ctx.nowMs);
	const incidentId = requireText(cmd.incidentId, 'incidentId');
	if (w.linkedIncidents.includes(incidentId)) {
		throw fail.conflict(
			'incident_already_linked',
			`Incident ${incidentId} is already linked`,
			'incidentId'
		);
	}
	// Allowed after lifting or expiry too: the incident may surface after the warning ended.
	authorize(ctx.actor, 'LinkIncident', w.colour, [w.scope]);
	return [
		{
			type: 'WarningIncidentLinked',
			data: { warningId: w.warningId, incidentId, at: ctx.at, by: ctx.actor.id }
		}
	];
}

interface Ctx {
	actor: Actor;
	at: string;
	nowMs: number;
}

/** Decides a warning command: the events it produces, or a DomainError. */
export function decide(
	command: WarningCommand,
	state: WarningState,
	ctx: WarningContext
): WarningEvent[] {
	const now = instant(ctx.now, 'now');
	if (!ctx.actor?.id) throw fail.invalid('field_required', 'The acting user is required', 'actor');
	const c: Ctx = { actor: ctx.actor, at: now.iso, nowMs: now.ms };
	switch (command.type) {
		case 'IssueWarning':
			return issue(command, state, c);
		case 'AdjustWarning':
			return adjust(command, state, c);
		case 'LiftWarning':
			return lift(command, state, c);
		case 'LinkIncident':
			return link(command, state, c);
		default:
			throw fail.invalid(
				'unknown_command',
				`Unknown command ${(command as { type: string }).type}`
			);
	}
}
