import { accountsFor } from './auth';
import { expect, test } from './fixtures';

/**
 * The /api/v1 routes over HTTP against the production server: every operation of the table is
 * reachable at its path, token-authenticated, and answers refusals with a code and field errors.
 */
test.use({ signedIn: false });

test('the processor API answers at every route, with its token only', async ({ app, request }) => {
	const suffix = Date.now().toString(36);
	const orgId = `org-api-${suffix}`;
	const accounts = await accountsFor(app);
	const saved = await accounts.auth.saveOrganisation(
		{ id: orgId, name: `深圳某数据服务有限公司${suffix}`, kind: 'processor', region: '440300' },
		'e2e'
	);
	expect(saved.ok).toBe(true);
	const issued = await accounts.auth.issueApiToken({ orgId, name: 'e2e system' }, 'e2e');
	await accounts.close();
	if (!issued.ok) throw new Error(JSON.stringify(issued.errors));
	const auth = { authorization: `Bearer ${issued.value.token}` };
	const api = (path: string) => `${app.url}/api/v1${path}`;

	// The document is public; everything else needs the token.
	const doc = await request.get(api('/openapi.json'));
	expect(doc.status()).toBe(200);
	const paths = Object.keys(((await doc.json()) as { paths: object }).paths);
	expect(paths).toEqual(
		expect.arrayContaining([
			'/incidents',
			'/incidents/{id}',
			'/incidents/{id}/first-handling',
			'/incidents/{id}/grade',
			'/incidents/{id}/progress',
			'/incidents/{id}/level-change-requests',
			'/incidents/{id}/summary',
			'/watches/{id}/zero-reports'
		])
	);
	const anonymous = await request.post(api('/incidents'), { data: {} });
	expect(anonymous.status()).toBe(401);
	expect(anonymous.headers()['www-authenticate']).toBe('Bearer');

	const incidentId = `api-${suffix}`;
	const report = {
		incidentId,
		report: {
			reportingUnit: { name: '深圳某数据服务有限公司', contact: '赵六', mobile: '13700000000' },
			occurredAt: 'unknown',
			discoveredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
			howLearned: { kind: 'own_monitoring' },
			region: '440300',
			sector: 'industrial',
			systems: 'unknown',
			cause: 'unknown',
			data: { types: 'unknown', grade: 'general' },
			impact: { organisations: 'unknown', regionsSectors: 'unknown' },
			handling: { measuresTaken: '断开外联', furtherMeasures: 'unknown', supportRequested: [] },
			signedOff: false
		}
	};
	const filed = await request.post(api('/incidents'), { data: report, headers: auth });
	expect(filed.status()).toBe(201);
	const again = await request.post(api('/incidents'), { data: report, headers: auth });
	expect(again.status()).toBe(409);

	const post = (path: string, data: unknown) =>
		request.post(api(`/incidents/${incidentId}${path}`), { data, headers: auth });
	expect((await post('/first-handling', { measures: '隔离主机' })).status()).toBe(200);

	const badGrade = await post('/grade', { facts: { sector: 'industrial' } });
	expect(badGrade.status()).toBe(422);
	const badBody = (await badGrade.json()) as { error: { errors: { field: string }[] } };
	expect(badBody.error.errors.map((e) => e.field)).toContain('facts.dataGrade');

	const graded = await post('/grade', {
		facts: {
			sector: 'industrial',
			dataGrade: 'general',
			threat: 'minor',
			economicLossYuan: 0,
			personalInfoCount: 0,
			sensitivePersonalInfoCount: 0
		}
	});
	expect(graded.status()).toBe(200);
	expect(await graded.json()).toMatchObject({
		incident: { incidentId, level: 'general', status: 'self_graded' },
		grading: { level: 'general' }
	});
	expect((await post('/progress', { note: '已恢复业务' })).status()).toBe(200);
	// Not in response yet: a level change request and a summary conflict with the state.
	expect(
		(await post('/level-change-requests', { level: 'relatively_large', reason: '核实' })).status()
	).toBe(409);
	const summary = await post('/summary', { summary: {} });
	expect(summary.status()).toBe(422);

	const read = await request.get(api(`/incidents/${incidentId}`), { headers: auth });
	expect(read.status()).toBe(200);
	expect(await read.json()).toMatchObject({ incidentId, status: 'self_graded', level: 'general' });
	expect((await request.get(api('/incidents/nobody'), { headers: auth })).status()).toBe(404);

	const zero = await request.post(api('/watches/no-such-watch/zero-reports'), {
		data: { date: '2026-01-01' },
		headers: auth
	});
	expect(zero.status()).toBe(404);
});
