import type { Actor } from '../../src/lib/domain/actor';
import { report } from '../../src/lib/domain/incident/fixtures';
import { cookieNames } from '../../src/lib/server/auth/cookies';
import type { AuthService, NewUser } from '../../src/lib/server/auth/service';
import { agencyAggregate, incidentAggregate } from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import type { EventStore } from '../../src/lib/server/events/store';
import { INC, INC2, PRINCIPALS, type PrincipalKey } from './expected';

const PASSWORD = 'authz-matrix-password';
const MINISTRY: Actor = { id: 'authz-ministry', role: 'ministry' };

type Scope = Omit<NewUser, 'username' | 'displayName' | 'password'>;

/** Each matrix principal's account scope (displays and anonymous are handled apart). */
const ACCOUNTS: Partial<Record<PrincipalKey, Scope>> = {
	ministry: { role: 'ministry' },
	reg_gd_telecom: { role: 'regulator', region: '440000', sector: 'telecom' },
	reg_gx_telecom: { role: 'regulator', region: '450000', sector: 'telecom' },
	reg_gd_industrial: { role: 'regulator', region: '440000', sector: 'industrial' },
	reg_sz_industrial: { role: 'regulator', region: '440300', sector: 'industrial' },
	proc_soe: { role: 'processor', orgId: 'org-authz-soe' },
	proc_sub: { role: 'processor', orgId: 'org-authz-soe-sub' },
	proc_other: { role: 'processor', orgId: 'org-authz-other' },
	agency_assigned: { role: 'agency', agencyId: 'ag-authz-gd' },
	agency_other: { role: 'agency', agencyId: 'ag-authz-js' },
	disabled: { role: 'ministry' },
	admin: { role: 'admin' }
};

const DISPLAYS: Partial<Record<PrincipalKey, string>> = {
	display_national: 'national',
	display_gd: '440000',
	display_gx: '450000'
};

const agency = (id: string, regionsServed: string[]) => ({
	id,
	name: `${id} 支撑机构`,
	tier: 'local' as const,
	regionsServed,
	capabilities: ['forensics' as const],
	capacity: 5,
	contact: { name: '值班', phone: '010-00000000' }
});

async function reportIncident(
	store: EventStore,
	id: string,
	orgId: string,
	sector: 'telecom' | 'industrial'
) {
	const actor: Actor = { id: `authz-${orgId}`, role: 'processor', orgId, region: '440300' };
	const form = report({ organisation: { orgId, name: orgId }, region: '440300', sector });
	await execute(
		store,
		incidentAggregate,
		id,
		{ type: 'ReportIncident', data: { incidentId: id, report: form } },
		{ actor }
	);
}

/**
 * The matrix's world: organisations (a central SOE with a subsidiary), two agencies (one
 * assigned to INC), two incidents in 深圳 (telecom at the subsidiary, industrial elsewhere),
 * every principal's account and display. Returns each principal's Cookie header (none for
 * anonymous). `store` must run the projections.
 */
export async function buildWorld(
	auth: AuthService,
	store: EventStore,
	origin: string
): Promise<Record<PrincipalKey, string | undefined>> {
	const by = 'authz-admin';
	await auth.saveOrganisation({ id: 'org-authz-soe', name: '央企集团', kind: 'processor' }, by);
	await auth.saveOrganisation(
		{ id: 'org-authz-soe-sub', name: '央企子公司', kind: 'processor', parentId: 'org-authz-soe' },
		by
	);
	await auth.saveOrganisation({ id: 'org-authz-other', name: '其他企业', kind: 'processor' }, by);
	for (const a of [agency('ag-authz-gd', ['440000']), agency('ag-authz-js', ['320000'])]) {
		await execute(
			store,
			agencyAggregate,
			a.id,
			{ type: 'RegisterAgency', data: { agency: a } },
			{
				actor: MINISTRY
			}
		);
	}
	await reportIncident(store, INC, 'org-authz-soe-sub', 'telecom');
	await reportIncident(store, INC2, 'org-authz-other', 'industrial');
	await execute(
		store,
		agencyAggregate,
		'ag-authz-gd',
		{
			type: 'AssignAgency',
			data: {
				assignmentId: 'authz-as-1',
				incidentId: INC,
				incidentRegion: '440300',
				incidentSector: 'telecom',
				incidentStatus: 'discovered',
				capability: 'forensics'
			}
		},
		{ actor: MINISTRY }
	);

	const names = cookieNames(origin);
	const cookies = {} as Record<PrincipalKey, string | undefined>;
	const suffix = Date.now().toString(36);
	for (const key of PRINCIPALS) {
		const scope = ACCOUNTS[key];
		const region = DISPLAYS[key];
		if (scope) {
			const username = `authz-${key.replace(/_/g, '-')}-${suffix}`;
			const made = await auth.createUser(
				{ username, displayName: key, password: PASSWORD, ...scope },
				by
			);
			if (!made.ok) throw new Error(`${key}: ${JSON.stringify(made.errors)}`);
			const login = await auth.login(username, PASSWORD);
			if (!login.ok) throw new Error(`${key}: login refused`);
			cookies[key] = `${names.session}=${login.token}`;
			if (key === 'disabled') await auth.setDisabled(made.value.id, true, by);
		} else if (region) {
			const made = await auth.createDisplay({ name: key, region }, by);
			if (!made.ok) throw new Error(`${key}: ${JSON.stringify(made.errors)}`);
			const paired = await auth.pair(made.value.code);
			cookies[key] = `${names.display}=${paired!.token}`;
		} else {
			cookies[key] = undefined;
		}
	}
	return cookies;
}
