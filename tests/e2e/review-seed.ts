/**
 * Seeds one 重大 incident (response ended, so its summary is due) for the review e2e test, run as
 * its own process with tsx (the domain imports JSON modules, which Playwright's loader refuses):
 * `node --import tsx tests/e2e/review-seed.ts <incidentId>`. Appends through `execute` with the
 * app's projectors on the server's database, as another node would. Prints `{ "seq": n }`.
 */
import type { Actor } from '../../src/lib/domain/actor';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import type { IncidentCommand } from '../../src/lib/domain/incident';
import { incidentAggregate } from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import { openDatabase } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events/store';
import { PROJECTORS } from '../../src/lib/server/projections';

const id = process.argv[2] ?? 'e2e-major-1';
const database = await openDatabase({ url: process.env.DATABASE_URL!, max: 2 });
const store = new EventStore(database, {
	catalog: EVENT_CATALOG,
	chainKey: Buffer.from(process.env.FENGHUO_CHAIN_KEY!, 'hex'),
	projectors: PROJECTORS
});

const processor: Actor = { id: 'u-proc', role: 'processor', orgId: 'org-e2e', region: '440300' };
const regulator: Actor = { id: 'u-reg', role: 'regulator', region: '440300', sector: 'industrial' };
const ministry: Actor = { id: 'u-min', role: 'ministry' };
const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 6 * 3_600_000;
const at = (m: number) => new Date(t0 + m * 60_000);

const steps: [IncidentCommand, Actor, number][] = [
	[
		{
			type: 'ReportIncident',
			data: {
				incidentId: id,
				report: {
					reportingUnit: { name: '深圳某精密制造有限公司', contact: '李四', mobile: '13900000000' },
					occurredAt: at(-20).toISOString(),
					discoveredAt: at(0).toISOString(),
					howLearned: { kind: 'own_monitoring' },
					organisation: { orgId: 'org-e2e', name: '深圳某精密制造有限公司' },
					region: '440300',
					sector: 'industrial',
					systems: [{ name: 'MES', address: '10.0.0.8' }],
					cause: 'unknown',
					data: { types: ['production'], grade: 'important', records: 120_000 },
					impact: { organisations: 'unknown', regionsSectors: '广东 工业' },
					handling: {
						measuresTaken: '隔离受影响主机',
						furtherMeasures: 'unknown',
						supportRequested: ['攻击溯源']
					},
					signedOff: true,
					drill: false
				}
			}
		},
		processor,
		1
	],
	[{ type: 'StartFirstHandling', data: { measures: '断网' } }, processor, 2],
	[
		{
			type: 'SelfGrade',
			data: {
				level: 'major',
				ruleSetVersion: 'national-2024.1',
				firedCriteria: ['data.important.serious']
			}
		},
		processor,
		3
	],
	[{ type: 'ConfirmLevel', data: { level: 'major' } }, regulator, 5],
	[{ type: 'EscalateToMinistry', data: { channel: 'phone' } }, regulator, 14],
	[{ type: 'EscalateToMinistry', data: { channel: 'written' } }, regulator, 25],
	[{ type: 'StartResponse', data: { level: 'major' } }, ministry, 30],
	[{ type: 'EndResponse', data: {} }, ministry, 120]
];
let seq = 0;
for (const [command, actor, minute] of steps)
	seq = (await execute(store, incidentAggregate, id, command, { actor, now: at(minute) })).seq;
await database.close();
console.log(JSON.stringify({ seq }));
