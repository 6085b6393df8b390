import { isSeatedRegulator, type Actor } from '../actor';
import { WARNING_COLOURS, type WarningColour } from '../levels';
import type { WarningCommand } from './commands';
import type { WarningScope } from './events';

/**
 * Who may act on a warning of a colour. A regulator grant says how its own region and sector
 * must relate to the warning's scope: 'covers' = the scope is exactly its region and its sector
 * (a provincial regulator does not act for a 计划单列市 within it); 'overlaps' = the scope
 * includes its region and its sector.
 */
export type WarningGrant =
	{ role: 'ministry' } | { role: 'regulator'; scope: 'covers' | 'overlaps' };

const MINISTRY: WarningGrant = { role: 'ministry' };
const OWN_REGULATOR: WarningGrant = { role: 'regulator', scope: 'covers' };
const REGULATOR_IN_SCOPE: WarningGrant = { role: 'regulator', scope: 'overlaps' };

const byColour = (
	redOrange: readonly WarningGrant[],
	yellowBlue: readonly WarningGrant[]
): Record<WarningColour, readonly WarningGrant[]> => ({
	red: redOrange,
	orange: redOrange,
	yellow: yellowBlue,
	blue: yellowBlue
});

/**
 * Chapter 3: red and orange warnings are the ministry mechanism's (after leading-group
 * approval, recorded outside this aggregate); yellow and blue belong to the regulator of the
 * region and sector, and the ministry may issue them too.
 * - IssueWarning: the colour being issued.
 * - AdjustWarning: checked for the current colour and for the new one, against the current and
 *   the new scope, so a regulator can neither raise into orange nor downgrade a ministry warning.
 * - LiftWarning: the current colour and scope (the issuing level lifts).
 * - LinkIncident: the ministry, or any regulator whose region and sector the scope includes,
 *   since that regulator handles the incident that materialised.
 */
export const WARNING_PERMISSIONS: Record<
	WarningCommand['type'],
	Record<WarningColour, readonly WarningGrant[]>
> = {
	IssueWarning: byColour([MINISTRY], [MINISTRY, OWN_REGULATOR]),
	AdjustWarning: byColour([MINISTRY], [MINISTRY, OWN_REGULATOR]),
	LiftWarning: byColour([MINISTRY], [MINISTRY, OWN_REGULATOR]),
	LinkIncident: byColour([MINISTRY, REGULATOR_IN_SCOPE], [MINISTRY, REGULATOR_IN_SCOPE])
};

function regulatorMatches(actor: Actor, how: 'covers' | 'overlaps', scope: WarningScope): boolean {
	if (!isSeatedRegulator(actor)) return false;
	if (how === 'covers') {
		return (
			scope.regions.every((r) => r === actor.region) &&
			scope.sectors.every((s) => s === actor.sector)
		);
	}
	return scope.regions.includes(actor.region) && scope.sectors.includes(actor.sector);
}

export type WarningDenial =
	'colour_requires_ministry' | 'outside_jurisdiction' | 'role_not_allowed';

/**
 * Why `actor` may not run `command` on a warning of `colour` over every scope in `scopes`, or
 * null when it may. Exported for the authorization layer, which can show or hide actions with it.
 */
export function warningDenial(
	actor: Actor,
	command: WarningCommand['type'],
	colour: WarningColour,
	scopes: readonly WarningScope[]
): WarningDenial | null {
	const grants = WARNING_PERMISSIONS[command][colour];
	if (actor.role === 'ministry' && grants.some((g) => g.role === 'ministry')) return null;
	const regulatorGrant = grants.find((g) => g.role === 'regulator');
	if (actor.role === 'regulator' && regulatorGrant?.role === 'regulator') {
		return scopes.every((s) => regulatorMatches(actor, regulatorGrant.scope, s))
			? null
			: 'outside_jurisdiction';
	}
	return grants.every((g) => g.role === 'ministry')
		? 'colour_requires_ministry'
		: 'role_not_allowed';
}

export function mayActOnWarning(
	actor: Actor,
	command: WarningCommand['type'],
	colour: WarningColour,
	scopes: readonly WarningScope[]
): boolean {
	return warningDenial(actor, command, colour, scopes) === null;
}

/**
 * Colours `actor` may issue a warning in over `scope`; without one, over its own jurisdiction:
 * a regulator's region × sector, the ministry's anywhere (its grants do not depend on scope).
 */
export function issuableColours(actor: Actor, scope?: WarningScope): WarningColour[] {
	const scopes: WarningScope[] = scope
		? [scope]
		: actor.role === 'regulator'
			? [
					{
						regions: actor.region ? [actor.region] : [],
						sectors: actor.sector ? [actor.sector] : []
					}
				]
			: [];
	return WARNING_COLOURS.filter((c) => mayActOnWarning(actor, 'IssueWarning', c, scopes));
}

/**
 * Colours a warning of `colour` over `scope` may be re-issued in by `actor` (its scope kept):
 * another colour, and the actor may act on both the current and the new one.
 */
export function adjustableColours(
	actor: Actor,
	warning: { colour: WarningColour; scope: WarningScope }
): WarningColour[] {
	const scopes = [warning.scope];
	if (!mayActOnWarning(actor, 'AdjustWarning', warning.colour, scopes)) return [];
	return WARNING_COLOURS.filter(
		(c) => c !== warning.colour && mayActOnWarning(actor, 'AdjustWarning', c, scopes)
	);
}
