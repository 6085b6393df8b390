import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/actor';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { actors } from '../../src/lib/domain/incident/fixtures';
import { agencyAggregate } from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { agencySelfAction, agencyView } from '../../src/lib/server/ops/agency';
import { emptyPicture } from '../../src/lib/domain/picture';
import {
	assignAgency,
	createWatch,
	incidentAction,
	readAgency,
	readIncident,
	readWarning,
	startDrillAction,
	stopDrillAction,
	warningAction
} from '../../src/lib/server/ops/commands';
import { fileIntake } from '../../src/lib/server/ops/intake';
import type { FormFields, OpsResult } from '../../src/lib/server/ops/result';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

/** The console's server functions against a real log: what is appended, what is refused. */
describe(`on-duty console actions (${TEST_DB})`, () => {
	let t: TestDatabase;
	let store: EventStore;
	/**
	 * The console's clock, pinned: the forms below carry fixed China-time dates (validity
	 * windows, watch periods), which must stay in the future of "now" whatever day the suite
	 * runs on. A fixed instant keeps them so without making the dates relative.
	 */
	const now = new Date('2026-11-26T01:00:00.000Z');
	const deps = () => ({ store, now });

	const processor = { ...actors.processor, id: 'u-proc' } satisfies Actor;
	const regulator = actors.regulator; // 440300 industrial: in charge of Shenzhen industrial data
	const otherProvince: Actor = {
		id: 'u-bj',
		role: 'regulator',
		region: '110000',
		sector: 'industrial'
	};
	const otherSector = actors.telecomRegulator; // 440000 telecom
	const agencyUser: Actor = { id: 'u-ag', role: 'agency', agencyId: 'ag-sz' };

	/** A 重大 report as the intake form posts it (China local times, 尚不明确 where unclear). */
	const majorForm = (overrides: FormFields = {}): FormFields => ({
		unitName: '深圳某制造有限公司',
		unitContact: '张三',
		unitMobile: '13800000000',
		occurredAtUnknown: 'on',
		discoveredAt: '2026-11-20T10:00',
		howLearned: 'own_monitoring',
		region: '440300',
		sector: 'industrial',
		systemsUnknown: 'on',
		cause: '勒索软件加密生产数据',
		dataTypes: ['production', 'rnd'],
		dataGrade: 'important',
		piMode: 'unknown',
		spiMode: 'none',
		impactOrganisationsUnknown: 'on',
		impactRegionsSectorsUnknown: 'on',
		measuresTaken: '隔离受感染主机',
		furtherMeasuresUnknown: 'on',
		supportRequested: '攻击溯源',
		threat: 'serious',
		economicLossYuanUnknown: 'on',
		industrialImpact: 'partial_capacity_loss',
		signedOff: 'on',
		...overrides
	});

	// Invalid input is 422 on every surface (src/lib/server/refusal.ts); the console's forms
	// answered 400 where the API answered 422 for the same refusal.
	const expectRefused = (r: OpsResult, status: number) => {
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.status).toBe(status);
		return r.ok ? {} : r.errors;
	};

	beforeAll(async () => {
		t = await freshDatabase();
		store = new EventStore(await t.open(), {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
		await execute(
			store,
			agencyAggregate,
			'ag-sz',
			{
				type: 'RegisterAgency',
				data: {
					agency: {
						id: 'ag-sz',
						name: '深圳数据安全应急支撑中心',
						tier: 'local',
						regionsServed: ['440300'],
						capabilities: ['forensics', 'tracing'],
						capacity: 2,
						contact: { name: '李四', phone: '0755-00000000' }
					}
				}
			},
			{ actor: actors.ministry }
		);
	});
	afterAll(async () => {
		await t.close();
	});

	let incidentId = '';

	it('files a 重大 report through the intake form: reported, self-graded, reported to the regulator', async () => {
		const r = await fileIntake(
			deps(),
			{ actor: processor, orgName: '深圳某制造有限公司' },
			majorForm()
		);
		expect(r).toMatchObject({ ok: true });
		incidentId = r.ok ? r.id! : '';
		const s = await readIncident(store, incidentId);
		expect(s).toMatchObject({
			status: 'reported_local',
			level: 'major',
			signedOff: true,
			report: { occurredAt: 'unknown', organisation: { orgId: processor.orgId } }
		});
	});

	it('refuses a 重大 report without signature or seal, appending nothing', async () => {
		const before = await store.headSeq();
		const r = await fileIntake(
			deps(),
			{ actor: processor, orgName: '深圳某制造有限公司' },
			majorForm({ signedOff: undefined })
		);
		expect(expectRefused(r, 422)).toMatchObject({ signedOff: 'signoff_required' });
		expect(await store.headSeq()).toBe(before);
	});

	it('refuses a regulator of another province or sector, appending nothing', async () => {
		const before = await store.headSeq();
		for (const actor of [otherProvince, otherSector]) {
			const r = await incidentAction(deps(), actor, incidentId, 'confirm', { level: 'major' });
			expectRefused(r, 404);
		}
		expect(await store.headSeq()).toBe(before);
		expect(await readIncident(store, incidentId)).toMatchObject({ status: 'reported_local' });
	});

	it('requires a reason to confirm at another level than self-graded', async () => {
		const before = await store.headSeq();
		const r = await incidentAction(deps(), regulator, incidentId, 'confirm', {
			level: 'relatively_large',
			reason: '  '
		});
		// The rule is the domain's (decide), no longer a copy in the console's form reader.
		expect(expectRefused(r, 422)).toMatchObject({ reason: 'incident.reason_required' });
		expect(await store.headSeq()).toBe(before);
	});

	it('lets the regulator in charge confirm the level', async () => {
		const r = await incidentAction(deps(), regulator, incidentId, 'confirm', { level: 'major' });
		expect(r).toMatchObject({ ok: true });
		expect(await readIncident(store, incidentId)).toMatchObject({
			status: 'regulator_graded',
			level: 'major',
			levelHistory: [{ source: 'self_graded' }, { source: 'confirmed', by: regulator.id }]
		});
	});

	it('assigns a local agency, which accepts; a decline needs a reason', async () => {
		const assigned = await assignAgency(deps(), regulator, incidentId, {
			agencyId: 'ag-sz',
			capability: 'forensics'
		});
		expect(assigned).toMatchObject({ ok: true });
		const assignmentId = assigned.ok ? assigned.id! : '';
		const noReason = await agencySelfAction(deps(), agencyUser, 'decline', { assignmentId });
		expect(expectRefused(noReason, 422)).toMatchObject({ reason: 'reason_required' });
		const refused = await assignAgency(deps(), otherProvince, incidentId, {
			agencyId: 'ag-sz',
			capability: 'tracing'
		});
		expectRefused(refused, 404);
		expect(await agencySelfAction(deps(), agencyUser, 'accept', { assignmentId })).toMatchObject({
			ok: true
		});
		const agency = await readAgency(store, 'ag-sz');
		expect(agency.status === 'registered' && agency.assignments).toEqual([
			expect.objectContaining({ assignmentId, incidentId, status: 'accepted' })
		]);
	});

	it('escalates to the ministry, which starts the II-level response and alone may change a 重大 level', async () => {
		expect(
			await incidentAction(deps(), regulator, incidentId, 'escalate', { channel: 'phone' })
		).toMatchObject({ ok: true });
		const twice = await incidentAction(deps(), regulator, incidentId, 'escalate', {
			channel: 'phone'
		});
		expect(expectRefused(twice, 409)).toMatchObject({ channel: 'incident.already_reported' });
		expectRefused(await incidentAction(deps(), regulator, incidentId, 'startResponse', {}), 403);
		expect(
			await incidentAction(deps(), actors.ministry, incidentId, 'startResponse', {})
		).toMatchObject({ ok: true });
		const before = await store.headSeq();
		const regulatorDown = await incidentAction(deps(), regulator, incidentId, 'changeLevel', {
			level: 'relatively_large',
			reason: '核实影响较小'
		});
		expectRefused(regulatorDown, 403);
		const noReason = await incidentAction(deps(), actors.ministry, incidentId, 'changeLevel', {
			level: 'relatively_large',
			reason: ''
		});
		expect(expectRefused(noReason, 422)).toMatchObject({ reason: 'reason_required' });
		expect(await store.headSeq()).toBe(before);
		expect(
			await incidentAction(deps(), actors.ministry, incidentId, 'changeLevel', {
				level: 'especially_major',
				reason: '涉及核心数据'
			})
		).toMatchObject({ ok: true });
		expect(await readIncident(store, incidentId)).toMatchObject({
			status: 'response',
			level: 'especially_major'
		});
	});

	it('records the agency on site with its progress note', async () => {
		const agency = await readAgency(store, 'ag-sz');
		const assignmentId = agency.status === 'registered' ? agency.assignments[0]!.assignmentId : '';
		const empty = await agencySelfAction(deps(), agencyUser, 'progress', {
			assignmentId,
			note: ''
		});
		expect(expectRefused(empty, 422)).toMatchObject({ note: 'required' });
		expect(
			await agencySelfAction(deps(), agencyUser, 'progress', {
				assignmentId,
				note: '技术人员到场取证',
				onSite: 'on'
			})
		).toMatchObject({ ok: true });
		const after = await readAgency(store, 'ag-sz');
		expect(after.status === 'registered' && after.assignments[0]).toMatchObject({
			arrivedAt: expect.any(String),
			progress: [{ note: '技术人员到场取证', onSite: true }]
		});
	});

	it('lets a regulator issue a yellow warning for its own region but not a red one', async () => {
		const fields = (colour: string): FormFields => ({
			colour,
			title: '勒索攻击风险',
			likelyHarm: '生产数据被加密',
			requiredActions: '排查暴露面\n备份核查',
			validFrom: '2026-11-26T08:00',
			validUntil: '2026-11-28T08:00'
		});
		const before = await store.headSeq();
		const red = await warningAction(deps(), regulator, 'issueWarning', fields('red'));
		expect(expectRefused(red, 403)).toMatchObject({ _: 'warning.forbidden' });
		expect(await store.headSeq()).toBe(before);
		const missing = await warningAction(deps(), regulator, 'issueWarning', {
			...fields('yellow'),
			title: ''
		});
		expect(expectRefused(missing, 422)).toMatchObject({ title: 'required' });
		const yellow = await warningAction(deps(), regulator, 'issueWarning', fields('yellow'));
		expect(yellow).toMatchObject({ ok: true });
	});

	it('lifts a warning only with a reason', async () => {
		const issued = await warningAction(deps(), regulator, 'issueWarning', {
			colour: 'blue',
			title: '弱口令风险',
			likelyHarm: '数据泄露',
			requiredActions: '修改口令',
			validFrom: '2026-11-26T08:00',
			validUntil: '2026-11-27T08:00'
		});
		const warningId = issued.ok ? issued.id! : '';
		const before = await store.headSeq();
		const bare = await warningAction(deps(), regulator, 'liftWarning', { warningId, reason: '' });
		expect(expectRefused(bare, 422)).toMatchObject({ reason: 'reason_required' });
		const outsider = await warningAction(deps(), otherProvince, 'liftWarning', {
			warningId,
			reason: '风险已消除'
		});
		expectRefused(outsider, 403);
		expect(await store.headSeq()).toBe(before);
		expect(
			await warningAction(deps(), regulator, 'liftWarning', { warningId, reason: '风险已消除' })
		).toMatchObject({ ok: true });
		expect(await readWarning(store, warningId)).toMatchObject({ status: 'lifted' });
	});

	it("declares a watch period over the regulator's own region, refusing malformed lists", async () => {
		const fields: FormFields = {
			name: '深圳高交会保障',
			startsAt: '2026-11-27T00:00',
			endsAt: '2026-11-30T00:00',
			processors: '深圳某制造有限公司'
		};
		const before = await store.headSeq();
		const bad = await createWatch(deps(), regulator, fields);
		expect(expectRefused(bad, 422)).toMatchObject({ processors: 'invalid_processor_line' });
		const elsewhere = await createWatch(deps(), otherProvince, {
			...fields,
			regions: '440300',
			processors: ''
		});
		expectRefused(elsewhere, 403);
		expect(await store.headSeq()).toBe(before);
		const ok = await createWatch(deps(), regulator, {
			...fields,
			processors: 'org-sz-1, 深圳某制造有限公司, 440300',
			reportLocalMinutes: '30'
		});
		expect(ok).toMatchObject({ ok: true });
	});

	it("starts a drill from a script for the regulator's region and stops it with a reason", async () => {
		const start = Date.parse('2026-11-26T02:00:00.000Z');
		const drillDeps = { store, drills: { now: () => start } };
		const started = await startDrillAction(drillDeps, regulator, {
			scenarioId: 'leak-multi-region'
		});
		expect(started).toMatchObject({ ok: true });
		const drillId = started.ok ? started.id! : '';
		const unknown = await startDrillAction(drillDeps, regulator, { scenarioId: 'nope' });
		expect(expectRefused(unknown, 422)).toMatchObject({ scenarioId: 'drill.unknown_scenario' });
		expectRefused(await stopDrillAction(drillDeps, regulator, { drillId, reason: ' ' }), 422);
		expectRefused(
			await stopDrillAction(drillDeps, otherProvince, { drillId, reason: '越权' }),
			403
		);
		expect(
			await stopDrillAction(drillDeps, regulator, { drillId, reason: '演练提前结束' })
		).toMatchObject({ ok: true });
		const stream = await store.readStream(`drill-${drillId}`);
		expect(stream.map((e) => e.type)).toEqual(['DrillStarted', 'DrillStopped']);
		expect(stream[0]!.payload).toMatchObject({ regions: ['440300'] });
	});

	it('puts the agency on standby under an orange warning over a region it serves, not a yellow one', async () => {
		const fields = (colour: string): FormFields => ({
			colour,
			regions: '440300',
			sectors: 'industrial',
			title: `${colour} 勒索攻击预警`,
			likelyHarm: '生产数据被加密',
			requiredActions: '值班待命',
			validFrom: '2026-11-25T08:00',
			validUntil: '2099-01-01T08:00'
		});
		const picture = emptyPicture();
		for (const colour of ['orange', 'yellow']) {
			const r = await warningAction(deps(), actors.ministry, 'issueWarning', fields(colour));
			const id = r.ok ? r.id! : '';
			picture.warnings[id] = await readWarning(store, id);
		}
		const view = await agencyView(store, agencyUser, picture);
		expect(view?.standby.map((w) => w.colour)).toEqual(['orange']);
		expect(view?.assignments[0]).toMatchObject({
			status: 'accepted',
			onSite: true,
			incident: { organisation: '深圳某制造有限公司', level: 'especially_major' }
		});
		expect(await agencyView(store, regulator, picture)).toBeNull();
	});
});
