import { describe, expect, it } from 'vitest';
import { distributionModel, distributionOption, trendOption } from './distribution';
import { makeIncident, NOW, pictureOf } from './fixtures';

describe('distributionModel', () => {
	const picture = pictureOf({
		incidents: [
			makeIncident({ id: 'a', level: 'major', sector: 'industrial' }),
			makeIncident({ id: 'b', level: 'major', sector: 'telecom', region: '110000' }),
			makeIncident({ id: 'c', level: 'general', sector: 'radio', region: '110000' }),
			makeIncident({ id: 'd' }),
			makeIncident({ id: 'e', level: 'general', ended: true, discoveredAgo: 60 * 30 }),
			makeIncident({ id: 'f', level: 'especially_major', drill: true })
		]
	});
	const m = distributionModel(picture, NOW, 'zh');

	it('counts open incidents by level × sector, drills apart', () => {
		const row = (key: string) => m.rows.find((r) => r.key === key)!;
		expect(row('major')).toMatchObject({
			total: 2,
			bySector: { industrial: 1, telecom: 1, radio: 0 },
			label: '重大'
		});
		expect(row('general').total).toBe(1);
		expect(row('ungraded').total).toBe(1);
		expect(row('especially_major').total).toBe(0);
		expect(m.total).toBe(4);
		expect(m.drillExcluded).toBe(1);
	});

	it('buckets new real reports per hour (24 h) and per China day (7 days)', () => {
		expect(m.trend24h.counts).toHaveLength(24);
		// Five real incidents, four reported within the last hour (5 min ago), one 30 h ago.
		expect(m.trend24h.counts.at(-1)).toBe(4);
		expect(m.trend24h.counts.reduce((a, b) => a + b, 0)).toBe(4);
		expect(m.trend24h.labels.at(-1)).toBe('18:00');
		expect(m.trend7d.labels).toEqual([
			'09-12',
			'09-13',
			'09-14',
			'09-15',
			'09-16',
			'09-17',
			'09-18'
		]);
		expect(m.trend7d.counts).toEqual([0, 0, 0, 0, 0, 1, 4]);
	});

	it('labels in English on request', () => {
		expect(distributionModel(picture, NOW, 'en').rows[0]!.label).toBe('Especially major');
	});
});

describe('distribution options', () => {
	const m = distributionModel(
		pictureOf({ incidents: [makeIncident({ id: 'a', level: 'relatively_large' })] }),
		NOW,
		'zh'
	);

	it('stacks one bar series per sector over the level categories, most severe on top', () => {
		const o = distributionOption(m, 'zh');
		expect(o.series.map((s) => s.id)).toEqual(['industrial', 'telecom', 'radio']);
		expect(o.yAxis.data).toEqual(['未定级', '一般', '较大', '重大', '特别重大']);
		const industrial = o.series[0]!.data.map((d) => d.value);
		expect(industrial).toEqual([0, 0, 1, 0, 0]);
	});

	it('draws the two trends from the model', () => {
		const o = trendOption(m, 'zh');
		expect(o.series[0]!.data).toBe(m.trend24h.counts);
		expect(o.series[1]!.data).toBe(m.trend7d.counts);
		expect(o.xAxis[1]!.data).toEqual(m.trend7d.labels);
	});
});
