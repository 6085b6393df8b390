import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { report as fixtureReport } from '../../src/lib/domain/incident/fixtures';
import { handleApiRequest, operation, RateLimiter } from '../../src/lib/server/api/http';
import { openApiDocument } from '../../src/lib/server/api/openapi';
import { OPERATIONS, type ApiCaller } from '../../src/lib/server/api/operations';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { CHAIN_KEY, freshDatabase, TEST_DB, testSeed, type TestDatabase } from './helpers';

const caller: ApiCaller = {
	actor: { id: 'api:tok-1', role: 'processor', orgId: 'org-sz-1', region: '440300' },
	orgName: '深圳某制造有限公司',
	tokenId: 'tok-1'
};
const other: ApiCaller = {
	actor: { id: 'api:tok-2', role: 'processor', orgId: 'org-other', region: '440000' },
	orgName: '广州另一家公司',
	tokenId: 'tok-2'
};

/** The attachment-2 report as a processor's system sends it (organisation comes from the token). */
function reportBody(incidentId?: string) {
	const { organisation: _o, drill: _d, ...report } = fixtureReport();
	void _o;
	void _d;
	return { ...(incidentId ? { incidentId } : {}), report };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
	new Request('http://localhost/api/v1/x', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

describe(`processor API /api/v1 (${TEST_DB})`, () => {
	let t: TestDatabase;
	let store: EventStore;
	const now = new Date('2026-09-18T10:00:00.000Z');
	const call = (
		id: string,
		request: Request,
		opts: { params?: Record<string, string>; who?: ApiCaller | null; limiter?: RateLimiter } = {}
	) =>
		handleApiRequest(operation(id), request, {
			caller: opts.who === undefined ? caller : opts.who,
			store,
			params: opts.params ?? {},
			limiter: opts.limiter ?? new RateLimiter(1000, 1000),
			now
		});

	beforeAll(async () => {
		t = await freshDatabase();
		store = new EventStore(await t.open(), {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
	});
	afterAll(async () => {
		await t.close();
	});

	it('takes a report with an Idempotency-Key once; the retry returns the original', async () => {
		const first = await call(
			'reportIncident',
			post(reportBody('api-1'), { 'idempotency-key': 'k-1' })
		);
		expect(first.status).toBe(201);
		const body = await first.json();
		expect(body.incident).toEqual({ incidentId: 'api-1', status: 'discovered', level: null });
		const head = await store.headSeq();
		const retry = await call(
			'reportIncident',
			post(reportBody('api-1'), { 'idempotency-key': 'k-1' })
		);
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect((await retry.json()).seq).toBe(body.seq);
		expect(await store.headSeq()).toBe(head);
		const reported = await store.readStream('incident-api-1');
		expect(reported[0]!.payload).toMatchObject({
			report: { organisation: { orgId: 'org-sz-1', name: '深圳某制造有限公司' }, drill: false }
		});
	});

	it('grades from the facts with the rule set and names the criteria that fired', async () => {
		await call('reportIncident', post(reportBody('api-2')));
		const facts = {
			sector: 'industrial',
			dataGrade: 'general',
			threat: 'unknown',
			economicLossYuan: 'unknown',
			personalInfoCount: 12_000_000,
			sensitivePersonalInfoCount: 0
		};
		const res = await call('selfGrade', post({ facts }), { params: { id: 'api-2' } });
		expect(res.status).toBe(200);
		const graded = await res.json();
		expect(graded.grading.level).toBe('major');
		expect(graded.grading.fired.length).toBeGreaterThan(0);
		expect(graded.incident.level).toBe('major');
		expect(graded.incident.status).toBe('reported_local');
	});

	it('refuses a 重大 self-grade without signature or seal, with the field named', async () => {
		await call(
			'reportIncident',
			post({ ...reportBody('api-3'), report: { ...reportBody().report, signedOff: false } })
		);
		const head = await store.headSeq();
		const res = await call(
			'selfGrade',
			post({
				facts: {
					sector: 'industrial',
					dataGrade: 'important',
					threat: 'serious',
					economicLossYuan: 0,
					personalInfoCount: 0,
					sensitivePersonalInfoCount: 0
				}
			}),
			{ params: { id: 'api-3' } }
		);
		expect(res.status).toBe(422);
		expect((await res.json()).error).toMatchObject({
			code: 'incident.signoff_required',
			errors: [{ field: 'signedOff' }]
		});
		expect(await store.headSeq()).toBe(head);
	});

	it('answers bad requests with a clear 4xx and changes nothing', async () => {
		const head = await store.headSeq();
		const text = await call(
			'reportIncident',
			new Request('http://x/', {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: '{}'
			})
		);
		expect(text.status).toBe(415);
		const malformed = await call('reportIncident', post('{"report": '));
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).error.code).toBe('malformed_json');
		const wrong = await call(
			'reportIncident',
			post({ report: { ...reportBody().report, sector: 'space', discoveredAt: 42 } })
		);
		expect(wrong.status).toBe(422);
		const fields = (await wrong.json()).error.errors.map((e: { field: string }) => e.field);
		expect(fields).toEqual(expect.arrayContaining(['report.sector', 'report.discoveredAt']));
		const anonymous = await call('reportIncident', post(reportBody()), { who: null });
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
		const badKey = await call(
			'reportIncident',
			post(reportBody(), { 'idempotency-key': 'bad key with spaces' })
		);
		expect(badKey.status).toBe(400);
		expect(await store.headSeq()).toBe(head);
	});

	it("treats another organisation's incident as missing", async () => {
		const head = await store.headSeq();
		const progress = await call('recordProgress', post({ note: '进展' }), {
			params: { id: 'api-1' },
			who: other
		});
		expect(progress.status).toBe(404);
		const read = await call('getIncident', new Request('http://x/'), {
			params: { id: 'api-1' },
			who: other
		});
		expect(read.status).toBe(404);
		const own = await call('getIncident', new Request('http://x/'), { params: { id: 'api-1' } });
		expect(own.status).toBe(200);
		expect((await own.json()).status).toBe('discovered');
		expect(await store.headSeq()).toBe(head);
	});

	it('rate-limits per token with Retry-After', async () => {
		const limiter = new RateLimiter(2, 60, () => 0);
		const statuses = [];
		for (let i = 0; i < 3; i++)
			statuses.push(
				(await call('getIncident', new Request('http://x/'), { params: { id: 'api-1' }, limiter }))
					.status
			);
		expect(statuses).toEqual([200, 200, 429]);
		const limited = await call('getIncident', new Request('http://x/'), {
			params: { id: 'api-1' },
			limiter
		});
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('answers fuzzed bodies (malformed, wrong types, huge strings, __proto__) with 4xx only, appending nothing', async () => {
		const seed = testSeed('api fuzz');
		const head = await store.headSeq();
		const hostile = fc.oneof(
			fc.jsonValue(),
			fc.string(),
			fc.constant('{"__proto__":{"admin":true},"report":{}}'),
			fc.constant(JSON.stringify({ constructor: { prototype: { polluted: 1 } } })),
			fc.record({
				report: fc.dictionary(
					fc.constantFrom('__proto__', 'region', 'sector', 'occurredAt'),
					fc.jsonValue()
				)
			}),
			fc.record({ note: fc.string({ minLength: 20_001, maxLength: 20_100 }) }),
			fc.constant('x'.repeat(300_000)),
			fc.record({
				facts: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.double(), fc.string()))
			})
		);
		const posts = OPERATIONS.filter((o) => o.method === 'POST');
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...posts), hostile, async (op, body) => {
				const res = await handleApiRequest(
					op,
					post(typeof body === 'string' ? body : JSON.stringify(body)),
					{
						caller,
						store,
						params: { id: 'api-1' },
						limiter: new RateLimiter(1000, 1000),
						now
					}
				);
				expect(res.status).toBeGreaterThanOrEqual(400);
				expect(res.status).toBeLessThan(500);
			}),
			{ seed, numRuns: 150 }
		);
		expect(await store.headSeq()).toBe(head);
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});

	it('describes every operation in an OpenAPI 3.1 document', () => {
		const doc = openApiDocument('http://localhost:3000');
		expect(doc.openapi).toBe('3.1.0');
		for (const op of OPERATIONS) {
			const entry = doc.paths[op.path]?.[op.method.toLowerCase()] as {
				operationId: string;
				requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
			};
			expect(entry.operationId).toBe(op.id);
			if (op.body)
				expect(
					entry.requestBody!.content['application/json']!.schema.required!.length
				).toBeGreaterThan(0);
		}
		const report = doc.paths['/incidents']!.post as {
			requestBody: {
				content: Record<
					string,
					{ schema: { properties: Record<string, { properties: Record<string, unknown> }> } }
				>;
			};
		};
		expect(
			Object.keys(
				report.requestBody.content['application/json']!.schema.properties.report!.properties
			)
		).toContain('discoveredAt');
	});
});
