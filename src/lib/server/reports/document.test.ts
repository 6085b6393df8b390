import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { actors, at, paths, report, T0 } from '$lib/domain/incident/fixtures';
import { decide, evolve, initialState, type IncidentState } from '$lib/domain/incident';
import { reportModel, type LogEvent } from '$lib/domain/report';
import { buildDocument, chinaMinute } from './document';
import { renderDocx } from './docx';

/** The fixtures' 重大 path, then raised to 特别重大 by the ministry with a reason, as log rows. */
function rows(): LogEvent[] {
	const steps = [
		...paths.major(report({ cause: 'unknown', occurredAt: 'unknown' })),
		paths.step(
			{ type: 'ChangeLevel', data: { level: 'especially_major', reason: '核心数据受影响' } },
			actors.ministry,
			at(45)
		)
	];
	let state: IncidentState = initialState;
	const out: LogEvent[] = [];
	for (const s of steps)
		for (const e of decide(s.command, state, { now: s.now, actor: s.actor })) {
			state = evolve(state, e);
			out.push({
				seq: out.length + 10,
				streamId: 'incident-inc-1',
				streamVersion: out.length + 1,
				type: e.type,
				payload: e.data as Record<string, unknown>,
				actor: s.actor.id,
				region: '440300',
				regions: ['440300'],
				drill: false,
				occurredAt: s.now,
				recordedAt: s.now,
				hash: 'a'.repeat(64)
			});
		}
	return out;
}

const model = () =>
	reportModel({
		incidentId: 'inc-1',
		events: rows(),
		position: { seq: 19, hash: 'a'.repeat(64) },
		now: at(60)
	})!;

describe('report documents', () => {
	it('the level history keeps every grading with who and why', () => {
		const m = model();
		expect(m.level).toBe('especially_major');
		expect(m.levelHistory.map((e) => [e.source, e.from, e.level, e.by])).toEqual([
			['self_graded', null, 'major', 'u-proc'],
			['confirmed', 'major', 'major', 'u-reg'],
			['changed', 'major', 'especially_major', 'u-min']
		]);
		expect(m.levelHistory[2]!.reason).toBe('核心数据受影响');
		expect(
			reportModel({ ...{ incidentId: 'nope', events: rows() }, position: m.position, now: at(60) })
		).toBeNull();
	});

	it('the incident report (attachment 2) says 尚不明确 for unknown facts and lists the reason of a change', () => {
		const doc = buildDocument(model(), 'incident', 'zh');
		expect(doc.title).toBe('数据安全事件上报');
		expect(doc.template).toBe('附件2');
		const fields = Object.fromEntries(
			doc.blocks.flatMap((b) => (b.kind === 'field' ? [[b.label, b.value]] : []))
		);
		expect(fields['发生时间']).toBe('尚不明确');
		expect(fields['事件原因']).toBe('尚不明确');
		expect(fields['发现时间']).toBe(chinaMinute(T0));
		expect(fields['事件级别']).toBe('特别重大');
		const levels = doc.blocks.find((b) => b.kind === 'table' && b.id === 'levels');
		expect(levels && levels.kind === 'table' && levels.rows[2]).toEqual([
			chinaMinute(at(45)),
			'重大',
			'特别重大',
			'u-min（级别调整）',
			'核心数据受影响'
		]);
		expect(doc.provenance).toContain('依据日志第 19 条');
		// Level-1 headings of the template's parts, in order.
		expect(
			doc.blocks.filter((b) => b.kind === 'h1').map((b) => (b as { text: string }).text)
		).toEqual([
			'一、报告单位',
			'二、事件基本情况',
			'三、涉及数据情况',
			'四、影响范围',
			'五、处置情况',
			'六、定级及级别调整',
			'七、处置经过',
			'八、报告时限执行情况',
			'九、应急支撑机构',
			'十、事前预警'
		]);
	});

	it('the summary report (attachment 3) without a filed summary says so, and renders in English too', async () => {
		const zh = buildDocument(model(), 'summary', 'zh');
		expect(zh.cover).toEqual({ unit: '深圳某制造有限公司', date: '2026-09-18' });
		expect(
			zh.blocks.filter((b) => b.kind === 'p' && b.text === '（尚未提交总结报告）').length
		).toBe(14);
		const en = buildDocument(model(), 'summary', 'en');
		expect(en.title).toBe('Emergency response summary report');
		const xml = strFromU8(unzipSync(await renderDocx(en))['word/document.xml']!);
		expect(xml).toContain('Emergency response summary report');
		expect(xml).toContain('(summary report not yet filed)');
	});
});
