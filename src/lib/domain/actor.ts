import type { Sector } from './levels';
import { regionByCode } from './regions';

/** The kinds of principal the plan knows, plus `admin`, `display` and `system` (scenario engine). */
export const ROLES = [
	'ministry',
	'regulator',
	'processor',
	'agency',
	'display',
	'admin',
	'system'
] as const;
export type Role = (typeof ROLES)[number];

/** The roles a person's account may have (displays and the scenario engine are not people). */
export const USER_ROLES = [
	'ministry',
	'regulator',
	'processor',
	'agency',
	'admin'
] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Who issues a command. The domain only reads these fields; authentication fills them in.
 * - ministry: national scope
 * - regulator: `region` (GB/T 2260 code or XPCC) + `sector`
 * - processor: `orgId` (+ `region`, the processor's home region), `subsidiaryOf` for central SOEs
 * - agency: `agencyId`
 */
export interface Actor {
	id: string;
	role: Role;
	orgId?: string;
	region?: string;
	sector?: Sector;
	agencyId?: string;
	/** Central SOE group HQ org ids this processor reports for (its subsidiaries). */
	subsidiaries?: readonly string[];
}

/**
 * A regulator account that sits where a regulator really is: its region has a regulator for its
 * sector (a 计划单列市 regulates industrial data only; Taiwan, Hong Kong and Macau have none).
 */
export function isSeatedRegulator(
	actor: Actor
): actor is Actor & { role: 'regulator'; region: string; sector: Sector } {
	if (actor.role !== 'regulator' || !actor.region || !actor.sector) return false;
	return regionByCode(actor.region)?.sectors.includes(actor.sector) ?? false;
}
