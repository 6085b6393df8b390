import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import {
	decide,
	evolve,
	initialState,
	mayActOnWarning,
	WARNING_PERMISSIONS,
	warningEventSchemas,
	warningStatus,
	type AdjustWarning,
	type IssueWarning,
	type WarningCommand,
	type WarningEvent,
	type WarningState
} from './index';

const NOW = '2026-10-01T01:00:00.000Z';

const ministry: Actor = { id: 'u-ministry', role: 'ministry' };
const gdIndustrial: Actor = {
	id: 'u-gd-ind',
	role: 'regulator',
	region: '440000',
	sector: 'industrial'
};
const gdTelecom: Actor = { id: 'u-gd-tel', role: 'regulator', region: '440000', sector: 'telecom' };
const szIndustrial: Actor = {
	id: 'u-sz-ind',
	role: 'regulator',
	region: '440300',
	sector: 'industrial'
};
const bjIndustrial: Actor = {
	id: 'u-bj-ind',
	role: 'regulator',
	region: '110000',
	sector: 'industrial'
};
const processor: Actor = { id: 'u-proc', role: 'processor', orgId: 'org-1', region: '440000' };
const agency: Actor = { id: 'u-agency', role: 'agency', agencyId: 'ag-1' };

const issueCmd = (extra: Partial<IssueWarning> = {}): IssueWarning => ({
	type: 'IssueWarning',
	warningId: 'w-1',
	colour: 'yellow',
	scope: { regions: ['440000'], sectors: ['industrial'] },
	validFrom: '2026-10-01T00:00:00.000Z',
	validUntil: '2026-10-08T00:00:00.000Z',
	title: '勒索软件攻击风险',
	likelyHarm: '生产数据可能被加密',
	requiredActions: ['排查远程桌面暴露面'],
	...extra
});

/** given(events) → state */
const given = (...events: WarningEvent[]): WarningState => events.reduce(evolve, initialState);

/** The events a command yields on a state, folded from `history` first. */
function when(history: WarningEvent[], command: WarningCommand, actor: Actor, now = NOW) {
	return decide(command, given(...history), { now, actor });
}

function rejection(fn: () => unknown): DomainError {
	try {
		fn();
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('expected a DomainError');
}

const issued = (extra: Partial<IssueWarning> = {}, actor: Actor = gdIndustrial) =>
	when([], issueCmd(extra), actor);

function validPayloads(events: WarningEvent[]) {
	for (const e of events) expect(warningEventSchemas[e.type].safeParse(e.data).success).toBe(true);
}

describe('IssueWarning', () => {
	it('a regulator issues yellow for its own region and sector', () => {
		const events = issued();
		expect(events).toEqual([
			{
				type: 'WarningIssued',
				data: {
					warningId: 'w-1',
					colour: 'yellow',
					scope: { regions: ['440000'], sectors: ['industrial'] },
					validFrom: '2026-10-01T00:00:00.000Z',
					validUntil: '2026-10-08T00:00:00.000Z',
					title: '勒索软件攻击风险',
					likelyHarm: '生产数据可能被加密',
					requiredActions: ['排查远程桌面暴露面'],
					handlingDeadline: null,
					recipients: [],
					issuer: { role: 'regulator', region: '440000', sector: 'industrial' },
					at: NOW,
					by: 'u-gd-ind'
				}
			}
		]);
		validPayloads(events);
	});

	it('a 计划单列市 regulator issues blue for its city', () => {
		const events = issued(
			{ colour: 'blue', scope: { regions: ['440300'], sectors: ['industrial'] } },
			szIndustrial
		);
		expect(events[0]?.type).toBe('WarningIssued');
	});

	it.each(['red', 'orange', 'yellow', 'blue'] as const)(
		'the ministry issues %s over many regions and sectors',
		(colour) => {
			const scope = {
				regions: ['110000', '440000', 'XPCC'],
				sectors: ['industrial', 'telecom'] as const
			};
			const [event] = issued(
				{ colour, scope: { regions: scope.regions, sectors: [...scope.sectors] } },
				ministry
			);
			expect(event?.type === 'WarningIssued' && event.data.issuer).toEqual({ role: 'ministry' });
			expect(event?.type === 'WarningIssued' && event.data.colour).toBe(colour);
		}
	);

	it('normalises instants to UTC and keeps deadline and recipients', () => {
		const [event] = issued({
			validFrom: '2026-10-01T08:00:00+08:00',
			validUntil: '2026-10-08T08:00:00+08:00',
			handlingDeadline: '2026-10-02T18:00:00+08:00',
			recipients: ['org-1', 'org-2']
		});
		expect(event?.data).toMatchObject({
			validFrom: '2026-10-01T00:00:00.000Z',
			validUntil: '2026-10-08T00:00:00.000Z',
			handlingDeadline: '2026-10-02T10:00:00.000Z',
			recipients: ['org-1', 'org-2']
		});
		validPayloads(event ? [event] : []);
	});

	it.each([
		['red', gdIndustrial, 'warning.colour_requires_ministry'],
		['orange', gdIndustrial, 'warning.colour_requires_ministry'],
		['orange', processor, 'warning.colour_requires_ministry'],
		['yellow', processor, 'warning.role_not_allowed'],
		['blue', agency, 'warning.role_not_allowed']
	] as const)('rejects %s from %o', (colour, actor, messageKey) => {
		const e = rejection(() => issued({ colour }, actor));
		expect(e.code).toBe('warning.forbidden');
		expect(e.messageKey).toBe(messageKey);
	});

	it.each([
		['another region', gdIndustrial, { regions: ['110000'], sectors: ['industrial'] }],
		[
			'its region plus another',
			gdIndustrial,
			{ regions: ['440000', '110000'], sectors: ['industrial'] }
		],
		['another sector', gdIndustrial, { regions: ['440000'], sectors: ['telecom'] }],
		[
			'its sector plus another',
			gdIndustrial,
			{ regions: ['440000'], sectors: ['industrial', 'radio'] }
		],
		[
			'a 计划单列市 under its province',
			gdIndustrial,
			{ regions: ['440300'], sectors: ['industrial'] }
		],
		['its parent province', szIndustrial, { regions: ['440000'], sectors: ['industrial'] }]
	] as const)('rejects a regulator warning for %s', (_name, actor, scope) => {
		const e = rejection(() =>
			issued({ scope: { regions: [...scope.regions], sectors: [...scope.sectors] } }, actor)
		);
		expect(e.code).toBe('warning.forbidden');
		expect(e.messageKey).toBe('warning.outside_jurisdiction');
	});

	it('rejects a regulator identity that does not exist (telecom in a 计划单列市)', () => {
		const fake: Actor = { id: 'u-x', role: 'regulator', region: '440300', sector: 'telecom' };
		const e = rejection(() =>
			issued({ scope: { regions: ['440300'], sectors: ['telecom'] } }, fake)
		);
		expect(e.messageKey).toBe('warning.outside_jurisdiction');
	});

	it.each([
		[
			'unknown region',
			{ regions: ['999999'], sectors: ['industrial'] },
			'warning.unknown_region',
			'scope.regions.0'
		],
		[
			'unregulated region',
			{ regions: ['810000'], sectors: ['industrial'] },
			'warning.region_unregulated',
			'scope.regions.0'
		],
		['no regions', { regions: [], sectors: ['industrial'] }, 'warning.empty_scope', 'scope'],
		['no sectors', { regions: ['440000'], sectors: [] }, 'warning.empty_scope', 'scope'],
		[
			'duplicate region',
			{ regions: ['440000', '440000'], sectors: ['industrial'] },
			'warning.duplicate_scope',
			'scope'
		],
		[
			'unknown sector',
			{ regions: ['440000'], sectors: ['finance'] },
			'warning.invalid_sector',
			'scope.sectors.0'
		]
	])('rejects %s', (_name, scope, code, field) => {
		const e = rejection(() => issued({ scope: scope as IssueWarning['scope'] }, ministry));
		expect([e.code, e.field]).toEqual([code, field]);
	});

	it.each([
		[
			'validUntil equal to validFrom',
			{ validUntil: '2026-10-01T00:00:00.000Z' },
			'warning.invalid_validity'
		],
		[
			'validUntil before validFrom',
			{ validUntil: '2026-09-30T00:00:00.000Z' },
			'warning.invalid_validity'
		],
		[
			'validUntil already past',
			{ validFrom: '2026-09-01T00:00:00.000Z', validUntil: '2026-10-01T01:00:00.000Z' },
			'warning.already_expired'
		],
		['a zone-less validFrom', { validFrom: '2026-10-01T08:00:00' }, 'time.invalid_instant'],
		[
			'a deadline before validFrom',
			{ handlingDeadline: '2026-09-30T00:00:00.000Z' },
			'warning.invalid_deadline'
		],
		['a blank title', { title: '  ' }, 'warning.field_required'],
		['a blank likely harm', { likelyHarm: '' }, 'warning.field_required'],
		['no required actions', { requiredActions: [] }, 'warning.field_required'],
		['a blank warning id', { warningId: '' }, 'warning.field_required'],
		['an unknown colour', { colour: 'green' as never }, 'warning.invalid_colour']
	])('rejects %s', (_name, extra, code) => {
		expect(rejection(() => issued(extra as Partial<IssueWarning>, ministry)).code).toBe(code);
	});

	it('rejects issuing the same warning twice', () => {
		const history = issued();
		expect(rejection(() => when(history, issueCmd(), gdIndustrial)).code).toBe(
			'warning.already_issued'
		);
	});

	it('rejects an invalid clock or a missing actor id', () => {
		expect(rejection(() => when([], issueCmd(), gdIndustrial, 'now')).code).toBe(
			'time.invalid_instant'
		);
		expect(rejection(() => when([], issueCmd(), { ...gdIndustrial, id: '' })).code).toBe(
			'warning.field_required'
		);
	});
});

describe('AdjustWarning', () => {
	const adjust = (
		colour: AdjustWarning['colour'],
		extra: Partial<AdjustWarning> = {}
	): AdjustWarning => ({
		type: 'AdjustWarning',
		warningId: 'w-1',
		colour,
		reason: '态势升级',
		...extra
	});

	it('the ministry raises its orange warning to red with the full new values', () => {
		const history = issued({ colour: 'orange' }, ministry);
		const events = when(
			history,
			adjust('red', {
				scope: { regions: ['440000', '450000'], sectors: ['industrial'] },
				validUntil: '2026-10-15T00:00:00.000Z'
			}),
			ministry
		);
		expect(events).toEqual([
			{
				type: 'WarningAdjusted',
				data: {
					warningId: 'w-1',
					fromColour: 'orange',
					colour: 'red',
					reason: '态势升级',
					scope: { regions: ['440000', '450000'], sectors: ['industrial'] },
					validUntil: '2026-10-15T00:00:00.000Z',
					requiredActions: ['排查远程桌面暴露面'],
					at: NOW,
					by: 'u-ministry'
				}
			}
		]);
		validPayloads(events);
		const state = given(...history, ...events);
		expect(
			state.status === 'issued' && [state.colour, state.scope.regions, state.adjustments.length]
		).toEqual(['red', ['440000', '450000'], 1]);
	});

	it('the ministry downgrades orange to yellow', () => {
		const history = issued({ colour: 'orange' }, ministry);
		expect(when(history, adjust('yellow'), ministry)[0]?.type).toBe('WarningAdjusted');
	});

	it('a regulator moves its own warning between yellow and blue and changes actions', () => {
		const history = issued();
		const [event] = when(history, adjust('blue', { requiredActions: ['持续监测'] }), gdIndustrial);
		expect(event?.data).toMatchObject({
			fromColour: 'yellow',
			colour: 'blue',
			requiredActions: ['持续监测']
		});
		const state = given(...history, ...(event ? [event] : []));
		expect(state.status === 'issued' && state.requiredActions).toEqual(['持续监测']);
	});

	it('a regulator may not raise into orange or red', () => {
		const e = rejection(() => when(issued(), adjust('orange'), gdIndustrial));
		expect([e.code, e.messageKey]).toEqual([
			'warning.forbidden',
			'warning.colour_requires_ministry'
		]);
	});

	it("a regulator may not downgrade the ministry's orange warning", () => {
		const history = issued({ colour: 'orange' }, ministry);
		const e = rejection(() => when(history, adjust('yellow'), gdIndustrial));
		expect(e.messageKey).toBe('warning.colour_requires_ministry');
	});

	it("a regulator may not widen its warning's scope beyond its jurisdiction", () => {
		const e = rejection(() =>
			when(
				issued(),
				adjust('blue', { scope: { regions: ['440000', '110000'], sectors: ['industrial'] } }),
				gdIndustrial
			)
		);
		expect(e.messageKey).toBe('warning.outside_jurisdiction');
	});

	it("another region's regulator may not adjust it", () => {
		expect(rejection(() => when(issued(), adjust('blue'), bjIndustrial)).messageKey).toBe(
			'warning.outside_jurisdiction'
		);
	});

	it.each([
		[
			'to the same colour',
			() => when(issued(), adjust('yellow'), gdIndustrial),
			'warning.same_colour'
		],
		[
			'without a reason',
			() => when(issued(), adjust('blue', { reason: ' ' }), gdIndustrial),
			'warning.field_required'
		],
		['a warning never issued', () => when([], adjust('blue'), gdIndustrial), 'warning.not_issued'],
		[
			'with validUntil before validFrom',
			() =>
				when(issued(), adjust('blue', { validUntil: '2026-09-30T00:00:00.000Z' }), gdIndustrial),
			'warning.invalid_validity'
		],
		[
			'into an unknown region',
			() =>
				when(
					issued({}, ministry),
					adjust('blue', { scope: { regions: ['000000'], sectors: ['industrial'] } }),
					ministry
				),
			'warning.unknown_region'
		],
		[
			'after it expired',
			() => when(issued(), adjust('blue'), gdIndustrial, '2026-10-08T00:00:00.000Z'),
			'warning.expired'
		],
		[
			'for another warning id',
			() => when(issued(), { ...adjust('blue'), warningId: 'w-2' }, gdIndustrial),
			'warning.id_mismatch'
		]
	])('rejects adjusting %s', (_name, act, code) => {
		expect(rejection(act).code).toBe(code);
	});

	it('rejects adjusting a lifted warning', () => {
		const history = [
			...issued(),
			...when(issued(), { type: 'LiftWarning', warningId: 'w-1', reason: '风险消除' }, gdIndustrial)
		];
		expect(rejection(() => when(history, adjust('blue'), gdIndustrial)).code).toBe(
			'warning.lifted'
		);
	});
});

describe('LiftWarning', () => {
	const liftCmd = { type: 'LiftWarning', warningId: 'w-1', reason: '风险已消除' } as const;

	it('the issuing regulator lifts its warning', () => {
		const history = issued();
		const events = when(history, liftCmd, gdIndustrial);
		expect(events).toEqual([
			{
				type: 'WarningLifted',
				data: { warningId: 'w-1', reason: '风险已消除', at: NOW, by: 'u-gd-ind' }
			}
		]);
		validPayloads(events);
		const state = given(...history, ...events);
		expect(state.status).toBe('lifted');
		expect(state.status !== 'not_issued' && state.lifted).toEqual({
			at: NOW,
			by: 'u-gd-ind',
			reason: '风险已消除'
		});
	});

	it('the ministry lifts a red warning', () => {
		expect(when(issued({ colour: 'red' }, ministry), liftCmd, ministry)[0]?.type).toBe(
			'WarningLifted'
		);
	});

	it('an expired warning may still be lifted explicitly', () => {
		expect(when(issued(), liftCmd, gdIndustrial, '2026-11-01T00:00:00.000Z')[0]?.type).toBe(
			'WarningLifted'
		);
	});

	it('rejects lifting twice', () => {
		const history = issued();
		const lifted = [...history, ...when(history, liftCmd, gdIndustrial)];
		expect(rejection(() => when(lifted, liftCmd, gdIndustrial)).code).toBe(
			'warning.already_lifted'
		);
	});

	it("rejects a regulator lifting the ministry's red warning", () => {
		const e = rejection(() => when(issued({ colour: 'red' }, ministry), liftCmd, gdIndustrial));
		expect(e.messageKey).toBe('warning.colour_requires_ministry');
	});

	it('rejects a regulator of another sector, a processor, a blank reason, a missing warning', () => {
		expect(rejection(() => when(issued(), liftCmd, gdTelecom)).messageKey).toBe(
			'warning.outside_jurisdiction'
		);
		expect(rejection(() => when(issued(), liftCmd, processor)).messageKey).toBe(
			'warning.role_not_allowed'
		);
		expect(rejection(() => when(issued(), { ...liftCmd, reason: '' }, gdIndustrial)).code).toBe(
			'warning.field_required'
		);
		expect(rejection(() => when([], liftCmd, gdIndustrial)).code).toBe('warning.not_issued');
	});
});

describe('LinkIncident', () => {
	const linkCmd = { type: 'LinkIncident', warningId: 'w-1', incidentId: 'inc-7' } as const;
	const national = () =>
		issued(
			{
				colour: 'orange',
				scope: { regions: ['440000', '110000'], sectors: ['industrial', 'telecom'] }
			},
			ministry
		);

	it('a regulator whose region and sector are in scope links its incident', () => {
		const history = national();
		const events = when(history, linkCmd, gdTelecom);
		expect(events).toEqual([
			{
				type: 'WarningIncidentLinked',
				data: { warningId: 'w-1', incidentId: 'inc-7', at: NOW, by: 'u-gd-tel' }
			}
		]);
		validPayloads(events);
		const state = given(...history, ...events);
		expect(state.status !== 'not_issued' && state.linkedIncidents).toEqual(['inc-7']);
	});

	it('links after the warning was lifted', () => {
		const history = issued();
		const lifted = [
			...history,
			...when(history, { type: 'LiftWarning', warningId: 'w-1', reason: 'x' }, gdIndustrial)
		];
		expect(when(lifted, linkCmd, ministry)[0]?.type).toBe('WarningIncidentLinked');
	});

	it('rejects linking the same incident twice', () => {
		const history = [...national(), ...when(national(), linkCmd, ministry)];
		expect(rejection(() => when(history, linkCmd, ministry)).code).toBe(
			'warning.incident_already_linked'
		);
	});

	it('rejects a regulator outside the scope, a processor, a blank id, a missing warning', () => {
		const radio: Actor = { id: 'u-gd-radio', role: 'regulator', region: '440000', sector: 'radio' };
		expect(rejection(() => when(national(), linkCmd, radio)).messageKey).toBe(
			'warning.outside_jurisdiction'
		);
		expect(rejection(() => when(national(), linkCmd, processor)).messageKey).toBe(
			'warning.role_not_allowed'
		);
		expect(rejection(() => when(national(), { ...linkCmd, incidentId: '' }, ministry)).code).toBe(
			'warning.field_required'
		);
		expect(rejection(() => when([], linkCmd, ministry)).code).toBe('warning.not_issued');
	});
});

describe('warningStatus', () => {
	const state = given(...issued({ validFrom: '2026-10-02T00:00:00.000Z' }));

	it.each([
		['2026-10-01T23:59:59.999Z', 'pending'],
		['2026-10-02T00:00:00.000Z', 'active'],
		['2026-10-07T23:59:59.999Z', 'active'],
		['2026-10-08T00:00:00.000Z', 'expired']
	])('at %s is %s', (now, expected) => {
		expect(warningStatus(state, now)).toBe(expected);
	});

	it('is lifted once lifted, whatever the time', () => {
		const history = issued();
		const lifted = given(
			...history,
			...when(history, { type: 'LiftWarning', warningId: 'w-1', reason: 'x' }, gdIndustrial)
		);
		expect(warningStatus(lifted, '2026-10-02T00:00:00.000Z')).toBe('lifted');
	});

	it('has no status before issue', () => {
		expect(rejection(() => warningStatus(initialState, NOW)).code).toBe('warning.not_issued');
	});
});

describe('permissions and schemas as data', () => {
	it('red and orange belong to the ministry alone; yellow and blue also to the own regulator', () => {
		expect(WARNING_PERMISSIONS.IssueWarning.red).toEqual([{ role: 'ministry' }]);
		expect(WARNING_PERMISSIONS.IssueWarning.orange).toEqual([{ role: 'ministry' }]);
		expect(WARNING_PERMISSIONS.IssueWarning.yellow).toEqual([
			{ role: 'ministry' },
			{ role: 'regulator', scope: 'covers' }
		]);
		const own = { regions: ['440000'], sectors: ['industrial' as const] };
		expect(mayActOnWarning(gdIndustrial, 'IssueWarning', 'blue', [own])).toBe(true);
		expect(mayActOnWarning(gdIndustrial, 'IssueWarning', 'red', [own])).toBe(false);
	});

	it('schemas reject malformed payloads', () => {
		const [event] = issued();
		expect(event).toBeDefined();
		const data = { ...(event?.data as object) };
		expect(warningEventSchemas.WarningIssued.safeParse({ ...data, by: undefined }).success).toBe(
			false
		);
		expect(
			warningEventSchemas.WarningIssued.safeParse({ ...data, at: '2026-10-01T09:00:00+08:00' })
				.success
		).toBe(false);
		expect(warningEventSchemas.WarningIssued.safeParse({ ...data, colour: 'green' }).success).toBe(
			false
		);
		expect(warningEventSchemas.WarningIssued.safeParse({ ...data, extra: 1 }).success).toBe(false);
		expect(
			warningEventSchemas.WarningLifted.safeParse({ warningId: 'w', reason: 'r', at: NOW }).success
		).toBe(false);
		expect(Object.keys(warningEventSchemas).sort()).toEqual([
			'WarningAdjusted',
			'WarningIncidentLinked',
			'WarningIssued',
			'WarningLifted'
		]);
	});

	it('evolve ignores an event that does not fit the state', () => {
		const lifted: WarningEvent = {
			type: 'WarningLifted',
			data: { warningId: 'w-1', reason: 'x', at: NOW, by: 'u' }
		};
		expect(evolve(initialState, lifted)).toBe(initialState);
	});
});
