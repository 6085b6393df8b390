import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/lib/domain/actor';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { actors, at, paths, report, summary } from '../../src/lib/domain/incident/fixtures';
import type { IncidentCommand } from '../../src/lib/domain/incident';
import { DEMO_AGENCIES } from '../../src/lib/domain/scenario';
import {
	agencyAggregate,
	incidentAggregate,
	warningAggregate
} from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import type { Requester } from '../../src/lib/server/reports';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

let store: EventStore;
let db: Database;
let t: TestDatabase;

vi.mock('../../src/lib/server/events/app', () => ({ getEventStore: () => Promise.resolve(store) }));
const reports = await import('../../src/lib/server/reports');
const { auditPackage } = await import('../../src/lib/server/reports/audit');
const { signManifest, verifyAuditZip } = await import('../../src/lib/server/reports/audit-verify');

const ID = 'inc-major-1';
const NATIONAL: Requester = {
	scope: { national: true },
	actor: { id: 'auditor-1', role: 'ministry' }
};
const AGENCY = DEMO_AGENCIES.find((a) => a.id === 'ag-nat-01')!;
const agencyActor: Actor = { id: 'u-ag-nat-01', role: 'agency', agencyId: AGENCY.id };

/**
 * The scripted 重大 incident (fixtures' major path, T0 = discovery):
 * phone to the ministry at +14 min (due +10: missed), written at +25 (due +30: met),
 * leading group phone at +15 (due +20: met), written at +50 (due +40: missed),
 * agency assigned at +31, accepted at +40 (due +61: met), response ended at +120,
 * processor summary at +180.
 */
async function script() {
	const steps = paths.major(report());
	const incidentSteps: { command: IncidentCommand; actor: Actor; now: string }[] = steps
		.filter((s) => s.command.type !== 'EscalateToMinistry')
		.map((s) => ({
			...s,
			command:
				s.command.type === 'ReportIncident'
					? { ...s.command, data: { ...s.command.data, incidentId: ID } }
					: s.command
		}));
	// Register the agency and issue a warning before the incident.
	await execute(
		store,
		agencyAggregate,
		AGENCY.id,
		{ type: 'RegisterAgency', data: { agency: AGENCY } },
		{ actor: actors.ministry, now: new Date(at(-24 * 60)) }
	);
	await execute(
		store,
		warningAggregate,
		'w-orange-1',
		{
			type: 'IssueWarning',
			warningId: 'w-orange-1',
			colour: 'orange',
			scope: { regions: ['440000', '440300'], sectors: ['industrial'] },
			validFrom: at(-60),
			validUntil: at(24 * 60),
			title: '勒索软件攻击风险预警',
			likelyHarm: '生产数据泄露',
			requiredActions: ['排查弱口令']
		},
		{ actor: actors.ministry, now: new Date(at(-60)) }
	);
	const ordered = [
		...incidentSteps.slice(0, 4), // report, first handling, self-grade, confirm
		{
			command: { type: 'EscalateToMinistry', data: { channel: 'phone' } } as IncidentCommand,
			actor: actors.regulator,
			now: at(14)
		},
		{
			command: { type: 'ReportToLeadingGroup', data: { channel: 'phone' } } as IncidentCommand,
			actor: actors.ministry,
			now: at(15)
		},
		{
			command: { type: 'EscalateToMinistry', data: { channel: 'written' } } as IncidentCommand,
			actor: actors.regulator,
			now: at(25)
		},
		...incidentSteps.slice(4) // start response at +30
	];
	for (const s of ordered)
		await execute(store, incidentAggregate, ID, s.command, {
			actor: s.actor,
			now: new Date(s.now)
		});
	await execute(
		store,
		agencyAggregate,
		AGENCY.id,
		{
			type: 'AssignAgency',
			data: {
				assignmentId: 'as-1',
				incidentId: ID,
				incidentRegion: '440300',
				incidentSector: 'industrial',
				incidentStatus: 'response',
				capability: 'tracing'
			}
		},
		{ actor: actors.ministry, now: new Date(at(31)) }
	);
	await execute(
		store,
		agencyAggregate,
		AGENCY.id,
		{ type: 'AcceptAssignment', data: { assignmentId: 'as-1' } },
		{ actor: agencyActor, now: new Date(at(40)) }
	);
	const later: [IncidentCommand, Actor, number][] = [
		[{ type: 'ReportToLeadingGroup', data: { channel: 'written' } }, actors.ministry, 50],
		[{ type: 'RecordProgress', data: { note: '已完成溯源' } }, actors.processor, 90],
		[{ type: 'EndResponse', data: {} }, actors.ministry, 120]
	];
	for (const [command, actor, minute] of later)
		await execute(store, incidentAggregate, ID, command, { actor, now: new Date(at(minute)) });
}

describe(`reports from the log (${TEST_DB})`, () => {
	beforeAll(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
		await script();
	});
	afterAll(async () => {
		await t.close();
	});

	it('refuses a summary with empty fields, naming them, and changes nothing', async () => {
		const head = await store.headSeq();
		const bad = {
			...summary,
			basicFacts: { ...summary.basicFacts, cause: '  ' },
			lessonsLearned: ''
		};
		const result = await reports.submitSummary(NATIONAL, ID, bad, new Date(at(170)));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		// 422 like the API's /summary with the same schema (the form answered 400).
		expect(result.status).toBe(422);
		expect(Object.keys(result.errors).sort()).toEqual(['basicFacts.cause', 'lessonsLearned']);
		expect(await store.headSeq()).toBe(head);
		expect(await reports.submitSummary(NATIONAL, 'no-such', summary)).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('prefills the form from the log and submits the processor summary through the decider', async () => {
		const form = await reports.summaryForm(
			{ ...NATIONAL, actor: { id: 'anonymous', role: 'system' } },
			ID
		);
		expect(form).toMatchObject({ role: 'processor', status: 'response_ended' });
		expect(form!.values.filingUnit).toBe('深圳某制造有限公司');
		expect(form!.values.measures.emergency).toContain('隔离受影响主机');
		// The anonymous requester acts as the incident's processor (until sessions exist).
		const result = await reports.submitSummary(
			{ ...NATIONAL, actor: { id: 'anonymous', role: 'system' } },
			ID,
			summary,
			new Date(at(180))
		);
		expect(result).toMatchObject({ ok: true });
		const stream = await store.readStream(`incident-${ID}`);
		expect(stream.at(-1)).toMatchObject({ type: 'SummarySubmitted', actor: 'anonymous' });
		// The regulator's summary is due next; a regional scope elsewhere does not see the incident.
		expect((await reports.summaryForm(NATIONAL, ID))!.role).toBe('regulator');
		expect(
			await reports.summaryForm({ ...NATIONAL, scope: { regions: ['110000'] } }, ID)
		).toBeNull();
		expect(
			await reports.summaryForm({ ...NATIONAL, scope: { regions: ['440000'] } }, ID)
		).not.toBeNull();
	});

	it('builds the summary report: timeline, clocks met and missed, agencies, warnings', async () => {
		const model = (await reports.incidentReportModel(NATIONAL, ID, new Date(at(200))))!;
		expect(model.level).toBe('major');
		expect(model.summary.processor?.basicFacts.cause).toBe('弱口令');
		const types = model.timeline.map((e) => e.type);
		expect(types).toEqual([
			'IncidentReported',
			'FirstHandlingStarted',
			'IncidentSelfGraded',
			'IncidentReportedLocal',
			'LevelConfirmed',
			'IncidentReportedMinistry',
			'IncidentReportedLeadingGroup',
			'IncidentReportedMinistry',
			'ResponseStarted',
			'AgencyAssigned',
			'AssignmentAccepted',
			'IncidentReportedLeadingGroup',
			'ProgressRecorded',
			'ResponseEnded',
			'SummarySubmitted'
		]);
		const seqs = model.timeline.map((e) => e.seq);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		const accepted = model.timeline.find((e) => e.type === 'AssignmentAccepted')!;
		expect(accepted).toMatchObject({ by: 'u-ag-nat-01', occurredAt: at(40) });
		expect(model.timeline[0]!.by).toBe('u-proc');

		const clock = (id: string) => model.clocks.find((c) => c.id === id);
		expect(clock('ministry_phone')).toMatchObject({
			status: 'missed',
			metAt: at(14),
			dueAt: at(10)
		});
		expect(clock('ministry_written')).toMatchObject({
			status: 'met',
			metAt: at(25),
			dueAt: at(30)
		});
		expect(clock('leading_group_phone')).toMatchObject({ status: 'met', metAt: at(15) });
		expect(clock('leading_group_written')).toMatchObject({
			status: 'missed',
			metAt: at(50),
			dueAt: at(40)
		});
		expect(clock('agency_acceptance:as-1')).toMatchObject({ status: 'met', metAt: at(40) });
		expect(clock('processor_summary')).toMatchObject({ status: 'met', metAt: at(180) });

		expect(model.agencies).toEqual([
			expect.objectContaining({
				agencyId: 'ag-nat-01',
				agencyName: AGENCY.name,
				assignedAt: at(31),
				acceptedAt: at(40)
			})
		]);
		expect(model.warnings).toEqual([
			expect.objectContaining({ warningId: 'w-orange-1', colour: 'orange', linked: false })
		]);
		const last = (await store.read(model.position.seq - 1, 1))[0]!;
		expect(model.position).toEqual({ seq: last.seq, hash: last.hash });
	});

	it('exports a DOCX in the official layout that carries the same content, and logs the export', async () => {
		const exported = (await reports.exportDocx(NATIONAL, ID, 'summary', 'zh', new Date(at(200))))!;
		const files = unzipSync(exported.bytes);
		const xml = strFromU8(files['word/document.xml']!);
		const text = xml.replace(/<[^>]+>/g, '');
		for (const s of [
			'应急处置工作总结报告',
			'弱口令',
			'三个月内完成整改',
			'电话报部',
			'书面报领导小组',
			'超时',
			'按时',
			AGENCY.name,
			'勒索软件攻击风险预警',
			'重大',
			`依据日志第 ${exported.document.position.seq} 条`,
			exported.document.position.hash
		])
			expect(text).toContain(s);
		// A4, 仿宋 16 pt body (32 half-points), 黑体 level-1 and bold 楷体 level-2 headings.
		expect(xml).toContain('w:w="11906"');
		expect(xml).toContain('w:h="16838"');
		expect(xml).toMatch(/w:eastAsia="黑体"[^]*?<w:t[^>]*>一、事件基本情况/);
		expect(xml).toMatch(/<w:b\/>[^]*?w:eastAsia="楷体"|w:eastAsia="楷体"[^]*?<w:b\/>/);
		const styles = strFromU8(files['word/styles.xml']!);
		expect(styles).toContain('w:eastAsia="仿宋"');
		expect(styles).toMatch(/<w:sz w:val="32"\/>/);

		const log = await store.readStream(`export-${ID}`);
		expect(log.at(-1)).toMatchObject({
			type: 'ReportExported',
			actor: 'auditor-1',
			payload: {
				kind: 'summary',
				format: 'docx',
				positionSeq: exported.document.position.seq,
				positionHash: exported.document.position.hash,
				sha256: reports.sha256(exported.bytes)
			}
		});
		expect(log.at(-1)!.regions).toEqual(expect.arrayContaining(['440300']));
	});

	it('exports an audit package that verifies offline, and names the broken link of a tampered one', async () => {
		const pkg = (await auditPackage(NATIONAL, ID, { key: CHAIN_KEY, now: new Date(at(210)) }))!;
		const ok = verifyAuditZip(pkg.bytes, CHAIN_KEY);
		expect(ok).toMatchObject({ ok: true, incidentId: ID, events: 13 });
		expect(verifyAuditZip(pkg.bytes, Buffer.alloc(32, 7))).toMatchObject({
			ok: false,
			file: 'manifest.sig'
		});

		const files = unzipSync(pkg.bytes);
		const lines = strFromU8(files['events.jsonl']!).trim().split('\n');
		const victim = JSON.parse(lines[5]!) as { seq: number; payload: { channel: string } };
		expect(victim.payload.channel).toBe('phone');
		const forged = (text: string) =>
			text
				.split('\n')
				.map((l) => (l.includes(`"seq":${victim.seq},`) ? l.replace('"phone"', '"written"') : l))
				.join('\n');
		// Naive tampering: the manifest's file hashes give it away.
		const naive = zipSync({
			...files,
			'events.jsonl': strToU8(forged(strFromU8(files['events.jsonl']!)))
		});
		expect(verifyAuditZip(naive, CHAIN_KEY)).toMatchObject({ ok: false, file: 'events.jsonl' });
		// Tampering both files and re-signing the manifest (a key holder): the chain names the row.
		const events = strToU8(forged(strFromU8(files['events.jsonl']!)));
		const chain = strToU8(forged(strFromU8(files['chain.jsonl']!)));
		const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
			files: Record<string, string>;
			signatureAlg: 'hmac-sm3';
		};
		manifest.files['events.jsonl'] = reports.sha256(events);
		manifest.files['chain.jsonl'] = reports.sha256(chain);
		const json = JSON.stringify(manifest);
		const resigned = zipSync({
			...files,
			'events.jsonl': events,
			'chain.jsonl': chain,
			'manifest.json': strToU8(json),
			'manifest.sig': strToU8(signManifest(manifest.signatureAlg, CHAIN_KEY, json))
		});
		const broken = verifyAuditZip(resigned, CHAIN_KEY);
		expect(broken).toMatchObject({ ok: false, seq: victim.seq, file: 'chain.jsonl' });
		expect(broken.ok ? '' : broken.reason).toContain(`broken link at seq ${victim.seq}`);

		// Dropping an event of the incident from both files is named too.
		const dropped = strToU8(
			strFromU8(files['events.jsonl']!)
				.split('\n')
				.filter((l) => !l.includes(`"seq":${victim.seq},`))
				.join('\n')
		);
		manifest.files['events.jsonl'] = reports.sha256(dropped);
		manifest.files['chain.jsonl'] = reports.sha256(files['chain.jsonl']!);
		const json2 = JSON.stringify(manifest);
		const gap = verifyAuditZip(
			zipSync({
				...files,
				'events.jsonl': dropped,
				'manifest.json': strToU8(json2),
				'manifest.sig': strToU8(signManifest(manifest.signatureAlg, CHAIN_KEY, json2))
			}),
			CHAIN_KEY
		);
		expect(gap).toMatchObject({ ok: false, file: 'events.jsonl' });

		const log = await store.readStream(`export-${ID}`);
		expect(log.at(-1)!.payload).toMatchObject({ kind: 'audit', format: 'zip' });
	});

	it('npm run log:verify -- --zip accepts the package and rejects a tampered one', async () => {
		const pkg = (await auditPackage(NATIONAL, ID, { key: CHAIN_KEY }))!;
		const dir = mkdtempSync(path.join(tmpdir(), 'fh-audit-'));
		const good = path.join(dir, 'good.zip');
		writeFileSync(good, pkg.bytes);
		const files = unzipSync(pkg.bytes);
		const bad = path.join(dir, 'bad.zip');
		writeFileSync(
			bad,
			zipSync({
				...files,
				'chain.jsonl': strToU8(strFromU8(files['chain.jsonl']!).replace('"phone"', '"written"'))
			})
		);
		const run = promisify(execFile);
		const env = {
			...process.env,
			FENGHUO_CHAIN_KEY: CHAIN_KEY.toString('hex'),
			FENGHUO_DATA_DIR: dir
		};
		const ok = await run(
			process.execPath,
			['--import', 'tsx', 'server/cli/verify-log.ts', '--zip', good],
			{ env }
		);
		expect(ok.stdout).toContain(`ok, incident ${ID}`);
		const rejected = await run(
			process.execPath,
			['--import', 'tsx', 'server/cli/verify-log.ts', '--zip', bad],
			{ env }
		).catch((e: { code: number; stdout: string }) => e);
		expect(rejected).toMatchObject({ code: 1 });
		expect((rejected as { stdout: string }).stdout).toContain('rejected');
	});
});
