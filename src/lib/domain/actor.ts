import type { Sector } from './levels';

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
