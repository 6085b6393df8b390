import type { Actor, Role } from '../actor';
import { forbidden } from '../errors';
import type { Level, Sector } from '../levels';
import { regulatorRegion } from '../regions';
import type { IncidentCommand, IncidentCommandType } from './commands';
import type { IncidentState } from './evolve';

/**
 * - own_org: a processor acting for its own organisation or, for a central SOE HQ, one of its
 *   subsidiaries;
 * - incident_region_sector: the local regulator in charge: its region equals
 *   regulatorRegion(incident.region, incident.sector) and its sector is the incident's;
 * - national: the ministry;
 * - drill: the scenario engine (`system`), on drill incidents only.
 */
export type Scope = 'own_org' | 'incident_region_sector' | 'national' | 'drill';

export interface PermissionRule {
	role: Role;
	scope: Scope;
	/** When set, every level the command involves (current and target) must be listed. */
	levels?: readonly Level[];
}

const processor: PermissionRule = { role: 'processor', scope: 'own_org' };
const regulator: PermissionRule = { role: 'regulator', scope: 'incident_region_sector' };
const ministry: PermissionRule = { role: 'ministry', scope: 'national' };
const drill: PermissionRule = { role: 'system', scope: 'drill' };

/** The plan's chain of command by level: IV processor, III local regulator, II/I ministry. */
const byLevel = (extra: Partial<Record<Role, readonly Level[]>> = {}): PermissionRule[] => [
	{ ...processor, levels: extra.processor ?? ['general'] },
	{ ...regulator, levels: extra.regulator ?? ['relatively_large'] },
	{ ...ministry, levels: extra.ministry ?? ['major', 'especially_major'] },
	drill
];

export const INCIDENT_PERMISSIONS: Record<IncidentCommandType, readonly PermissionRule[]> = {
	ReportIncident: [processor, regulator, drill],
	StartFirstHandling: [processor, drill],
	SelfGrade: [processor, drill],
	ConfirmLevel: [regulator, drill],
	EscalateToMinistry: [regulator, drill],
	ReportToLeadingGroup: [ministry, drill],
	StartResponse: byLevel(),
	RecordProgress: [processor, regulator, ministry, drill],
	RequestLevelChange: [processor, drill],
	// Changes into or out of I/II need the ministry; the regulator moves between III and IV.
	ChangeLevel: [{ ...regulator, levels: ['relatively_large', 'general'] }, ministry, drill],
	EndResponse: byLevel(),
	SubmitSummary: [processor, drill],
	SubmitRegulatorSummary: [regulator, drill],
	CloseIncident: [
		{ ...processor, levels: ['general'] },
		{ ...regulator, levels: ['relatively_large', 'general'] },
		ministry,
		drill
	],
	WithdrawIncident: [processor, regulator, ministry, drill],
	MergeIncident: [regulator, ministry, drill]
};

/**
 * Whether `who` (a regulator's region and sector) is the local regulator in charge of an
 * incident: the incident's sector, in the region regulatorRegion(incident.region, sector) names.
 * A provincial telecom regulator is in charge of its 计划单列市's telecom incidents; a 计划单列市
 * industrial regulator of its own city's industrial ones, and the province's industrial
 * regulator not of those.
 */
export function regulatesIncident(
	who: { region?: string | null; sector?: string | null },
	incident: { regulatorRegion: string; sector: string }
): boolean {
	return !!who.region && who.region === incident.regulatorRegion && who.sector === incident.sector;
}

/** An incident in the actor's charge: every incident for the ministry, the regulator in charge's. */
export function inCharge(
	actor: Actor,
	incident: { regulatorRegion: string; sector: string }
): boolean {
	return (
		actor.role === 'ministry' || (actor.role === 'regulator' && regulatesIncident(actor, incident))
	);
}

interface Subject {
	orgId: string;
	sector: Sector;
	regulatorRegion: string;
	drill: boolean;
}

function inScope(actor: Actor, scope: Scope, subject: Subject): boolean {
	switch (scope) {
		case 'own_org':
			return (
				actor.orgId !== undefined &&
				(actor.orgId === subject.orgId || (actor.subsidiaries ?? []).includes(subject.orgId))
			);
		case 'incident_region_sector':
			return regulatesIncident(actor, subject);
		case 'national':
			return true;
		case 'drill':
			return subject.drill;
	}
}

function allows(
	rules: readonly PermissionRule[],
	actor: Actor,
	subject: Subject,
	levels: readonly Level[]
): boolean {
	return rules.some((r) => {
		const allowed = r.levels;
		return (
			r.role === actor.role &&
			inScope(actor, r.scope, subject) &&
			(allowed === undefined || levels.every((l) => allowed.includes(l)))
		);
	});
}

/**
 * Whether `actor` may issue `commandType` on this incident, ignoring whether the incident's
 * status allows it. `targetLevel` is the level a StartResponse/ChangeLevel would set; without it
 * only the current level is checked (so the UI can ask "could this person change the level?").
 */
export function canIssue(
	actor: Actor,
	commandType: IncidentCommandType,
	state: IncidentState,
	targetLevel?: Level
): boolean {
	if (state.status === 'none') return false;
	const levels: Level[] = [];
	if (commandType === 'StartResponse') {
		const l = targetLevel ?? state.level;
		if (l) levels.push(l);
	} else {
		if (state.level) levels.push(state.level);
		if (commandType === 'ChangeLevel' && targetLevel) levels.push(targetLevel);
	}
	return allows(INCIDENT_PERMISSIONS[commandType], actor, state, levels);
}

/** Throws DomainError('forbidden') unless the actor may issue this command on this incident. */
export function authorize(actor: Actor, command: IncidentCommand, state: IncidentState): void {
	let ok: boolean;
	if (command.type === 'ReportIncident') {
		// No incident yet: the subject is what the report claims.
		const r = command.data.report;
		ok = allows(
			INCIDENT_PERMISSIONS.ReportIncident,
			actor,
			{
				orgId: r.organisation.orgId,
				sector: r.sector,
				regulatorRegion: regulatorRegion(r.region, r.sector) ?? '',
				drill: r.drill
			},
			[]
		);
	} else {
		const target =
			command.type === 'StartResponse' || command.type === 'ChangeLevel'
				? command.data.level
				: undefined;
		ok = canIssue(actor, command.type, state, target);
	}
	if (!ok) throw forbidden(actor, command.type);
}
