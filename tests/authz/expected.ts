/**
 * The authorization matrix's expected answers, written by hand from the plan and the issue
 * (never computed from src/lib/server/auth/policy.ts): who may open which page and join which
 * room. A route under src/routes with no entry here fails the matrix test.
 */

/** The principals of the matrix (their scopes are in ./world.ts). */
export const PRINCIPALS = [
	'anonymous',
	'ministry',
	'reg_gd_telecom',
	'reg_gx_telecom',
	'reg_gd_industrial',
	'reg_sz_industrial',
	'proc_soe',
	'proc_sub',
	'proc_other',
	'agency_assigned',
	'agency_other',
	'display_national',
	'display_gd',
	'display_gx',
	'disabled',
	'admin'
] as const;
export type PrincipalKey = (typeof PRINCIPALS)[number];

/** Incident ids of the world: INC = 深圳 telecom at the SOE's subsidiary, INC2 = 深圳 industrial. */
export const INC = 'authz-inc-sz-telecom';
export const INC2 = 'authz-inc-sz-industrial';

const ALL = PRINCIPALS;
const PEOPLE: readonly PrincipalKey[] = [
	'ministry',
	'reg_gd_telecom',
	'reg_gx_telecom',
	'reg_gd_industrial',
	'reg_sz_industrial',
	'proc_soe',
	'proc_sub',
	'proc_other',
	'agency_assigned',
	'agency_other',
	'admin'
];

/** Socket rooms × who may join them. Everyone else must be refused. */
export const ROOMS: Readonly<Record<string, readonly PrincipalKey[]>> = {
	national: ['ministry', 'display_national'],
	audit: ['admin'],
	'region:440000': ['ministry', 'display_national', 'display_gd'],
	'region:450000': ['ministry', 'display_national', 'display_gx'],
	'region:440300': ['ministry', 'display_national'],
	'region:440000:telecom': ['ministry', 'reg_gd_telecom'],
	'region:440000:industrial': ['ministry', 'reg_gd_industrial'],
	'region:450000:telecom': ['ministry', 'reg_gx_telecom'],
	'region:440300:industrial': ['ministry', 'reg_sz_industrial'],
	'region:440300:telecom': ['ministry'],
	'org:org-authz-soe': ['ministry', 'proc_soe'],
	'org:org-authz-soe-sub': ['ministry', 'proc_soe', 'proc_sub'],
	'org:org-authz-other': ['ministry', 'proc_other'],
	'agency:ag-authz-gd': ['ministry', 'agency_assigned'],
	'agency:ag-authz-js': ['ministry', 'agency_other'],
	[`incident:${INC}`]: ['ministry', 'reg_gd_telecom', 'proc_soe', 'proc_sub', 'agency_assigned'],
	[`incident:${INC2}`]: ['ministry', 'reg_sz_industrial', 'proc_other'],
	'standby:440000': ['ministry', 'agency_assigned'],
	'standby:320000': ['ministry', 'agency_other']
};

/**
 * Pages and endpoints: for each route id, concrete requests and who gets through. "Gets
 * through" = the answer is `ok` (default 200); anyone else must get a refusal (redirect to
 * sign-in or to the revoked page, 401, 403, or 404 for an incident out of scope).
 */
export interface RouteCase {
	path: string;
	method?: 'GET' | 'POST';
	allow: readonly PrincipalKey[];
	/** Status of a successful request. Default 200. */
	ok?: number;
}

const page = (path: string, allow: readonly PrincipalKey[]): RouteCase => ({ path, allow });
const MINISTRY_ONLY: readonly PrincipalKey[] = ['ministry'];
/** Who takes part in INC (深圳 telecom, the SOE's subsidiary, the 广东 agency assigned). */
const INC_PARTIES: readonly PrincipalKey[] = [
	'ministry',
	'reg_gd_telecom',
	'proc_soe',
	'proc_sub',
	'agency_assigned'
];
const CONSOLE: readonly PrincipalKey[] = [
	'ministry',
	'reg_gd_telecom',
	'reg_gx_telecom',
	'reg_gd_industrial',
	'reg_sz_industrial'
];

export const ROUTES: Readonly<Record<string, readonly RouteCase[]>> = {
	'/': [page('/', PEOPLE)],
	'/healthz': [page('/healthz', ALL)],
	'/login': [page('/login', ALL)],
	// Signing out is a POST anyone may make; it always ends on the sign-in page.
	'/logout': [{ path: '/logout', method: 'POST', allow: ALL, ok: 303 }],
	'/pair': [page('/pair', ALL)],
	'/pair/[code]': [page('/pair/ABCDEFGHIJ', ALL)],
	'/revoked': [page('/revoked', ALL)],
	'/wall/national': [page('/wall/national', ['ministry', 'display_national'])],
	'/wall/[region]': [
		page('/wall/440000', ['ministry', 'display_national', 'display_gd']),
		page('/wall/450000', ['ministry', 'display_national', 'display_gx'])
	],
	'/admin': [page('/admin', ['admin'])],
	'/admin/users': [page('/admin/users', ['admin'])],
	'/admin/displays': [page('/admin/displays', ['admin'])],
	'/admin/tokens': [page('/admin/tokens', ['admin'])],
	'/admin/calendar': [page('/admin/calendar', ['admin'])],
	'/ops': [page('/ops', CONSOLE)],
	'/agency': [page('/agency', ['agency_assigned', 'agency_other'])],
	'/report': [page('/report', ['proc_soe', 'proc_sub', 'proc_other'])],
	'/ops/incident/[id]': [
		page(`/ops/incident/${INC}`, ['ministry', 'reg_gd_telecom']),
		page(`/ops/incident/${INC2}`, ['ministry', 'reg_sz_industrial'])
	],
	// An incident's documents follow who takes part in it; review, statistics and the audit
	// package (which carries other incidents' chain rows) stay with the ministry.
	'/incidents/[id]/report': [
		page(`/incidents/${INC}/report`, INC_PARTIES),
		page(`/incidents/${INC2}/report`, ['ministry', 'reg_sz_industrial', 'proc_other'])
	],
	'/incidents/[id]/report.docx': [
		page(`/incidents/${INC}/report.docx`, INC_PARTIES),
		page(`/incidents/${INC2}/report.docx`, ['ministry', 'reg_sz_industrial', 'proc_other'])
	],
	'/incidents/[id]/summary': [
		page(`/incidents/${INC}/summary`, ['ministry', 'reg_gd_telecom', 'proc_soe', 'proc_sub']),
		page(`/incidents/${INC2}/summary`, ['ministry', 'reg_sz_industrial', 'proc_other'])
	],
	'/incidents/[id]/audit.zip': [page(`/incidents/${INC}/audit.zip`, MINISTRY_ONLY)],
	'/review': [page('/review', MINISTRY_ONLY)],
	'/stats': [page('/stats', MINISTRY_ONLY)],
	'/stats.csv': [page('/stats.csv', MINISTRY_ONLY)],
	// The processor API takes API tokens only: no session or display gets in.
	'/api/v1/openapi.json': [page('/api/v1/openapi.json', ALL)],
	'/api/v1/incidents': [{ path: '/api/v1/incidents', method: 'POST', allow: [] }],
	'/api/v1/incidents/[id]': [page(`/api/v1/incidents/${INC}`, [])],
	'/api/v1/incidents/[id]/first-handling': [
		{ path: `/api/v1/incidents/${INC}/first-handling`, method: 'POST', allow: [] }
	],
	'/api/v1/incidents/[id]/grade': [
		{ path: `/api/v1/incidents/${INC}/grade`, method: 'POST', allow: [] }
	],
	'/api/v1/incidents/[id]/level-change-requests': [
		{ path: `/api/v1/incidents/${INC}/level-change-requests`, method: 'POST', allow: [] }
	],
	'/api/v1/incidents/[id]/progress': [
		{ path: `/api/v1/incidents/${INC}/progress`, method: 'POST', allow: [] }
	],
	'/api/v1/incidents/[id]/summary': [
		{ path: `/api/v1/incidents/${INC}/summary`, method: 'POST', allow: [] }
	],
	'/api/v1/watches/[id]/zero-reports': [
		{ path: '/api/v1/watches/w-1/zero-reports', method: 'POST', allow: [] }
	]
};
