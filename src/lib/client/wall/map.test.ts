import { describe, expect, it } from 'vitest';
import china from 'echarts-map-data/map/json/china.json';
import { REGIONS } from '$lib/domain/regions';
import { LEVEL_COLOUR, UNGRADED_COLOUR } from './colours';
import { ago, makeIncident, makeWarning, NOW, pictureOf } from './fixtures';
import { CITY_COORD, MAP_NAME, mapModel, mapOption } from './map';
import { scopeOf } from './model';

const national = scopeOf('national');
const features = (china as unknown as { features: { id: string; properties: { name: string } }[] })
	.features;

describe('MAP_NAME', () => {
	it('names every provincial-level unit exactly as the bundled china.json does', () => {
		const provinces = REGIONS.filter((r) => r.kind === 'province').map((r) => r.code);
		expect(Object.keys(MAP_NAME).sort()).toEqual([...provinces].sort());
		for (const f of features) expect(MAP_NAME[f.id]).toBe(f.properties.name);
		expect(features).toHaveLength(34);
	});

	it('places every 计划单列市 and XPCC', () => {
		for (const r of REGIONS.filter((r) => r.parent !== null))
			expect(CITY_COORD[r.code]).toBeDefined();
	});
});

describe('mapModel', () => {
	it('shades a province by its highest open level and counts its 计划单列市 under it', () => {
		const picture = pictureOf({
			incidents: [
				makeIncident({ id: 'a', region: '440000', level: 'general' }),
				makeIncident({ id: 'b', region: '440300', level: 'major' }),
				makeIncident({ id: 'c', region: '110000' }),
				makeIncident({ id: 'd', region: '510000', level: 'general', ended: true })
			]
		});
		const m = mapModel(picture, NOW, 'zh', national);
		const gd = m.provinces.find((p) => p.code === '440000')!;
		expect(gd).toMatchObject({ open: 2, level: 'major', fill: LEVEL_COLOUR.major });
		expect(gd.cities.find((c) => c.code === '440300')).toMatchObject({ open: 1, level: 'major' });
		// Ungraded but open: visible, in the ungraded colour.
		expect(m.provinces.find((p) => p.code === '110000')).toMatchObject({
			open: 1,
			level: null,
			fill: UNGRADED_COLOUR
		});
		// A response that has ended is no longer open.
		expect(m.provinces.find((p) => p.code === '510000')).toMatchObject({ open: 0, fill: null });
		expect(m.totals.open).toBe(3);
	});

	it('keeps drill incidents out of the real count and shading', () => {
		const picture = pictureOf({
			incidents: [makeIncident({ id: 'd', region: '370000', level: 'major', drill: true })]
		});
		const sd = mapModel(picture, NOW, 'zh', national).provinces.find((p) => p.code === '370000')!;
		expect(sd).toMatchObject({ open: 0, drillOpen: 1, fill: null, level: null });
	});

	it('takes the most severe active warning covering a province, cities included', () => {
		const picture = pictureOf({
			warnings: [
				makeWarning({ id: 'w1', colour: 'blue', regions: ['330000'] }),
				makeWarning({ id: 'w2', colour: 'orange', regions: ['330200'] }),
				makeWarning({ id: 'w3', colour: 'red', regions: ['110000'], until: ago(1) })
			]
		});
		const m = mapModel(picture, NOW, 'zh', national);
		expect(m.provinces.find((p) => p.code === '330000')!.warning).toBe('orange');
		// Expired warnings are not drawn.
		expect(m.provinces.find((p) => p.code === '110000')!.warning).toBeNull();
		expect(m.totals.warned).toBe(1);
	});

	it('counts overdue clocks per province', () => {
		// 重大 discovered 20 min ago: the 10-minute phone report to the ministry is overdue.
		const picture = pictureOf({
			incidents: [makeIncident({ id: 'm', region: '440300', level: 'major', discoveredAgo: 20 })]
		});
		const gd = mapModel(picture, NOW, 'zh', national).provinces.find((p) => p.code === '440000')!;
		expect(gd.overdue).toBeGreaterThanOrEqual(1);
		const fresh = mapModel(picture, ago(15), 'zh', national).provinces.find(
			(p) => p.code === '440000'
		)!;
		expect(fresh.overdue).toBe(0);
	});

	it('focuses a provincial wall on its province and its 计划单列市', () => {
		const m = mapModel(pictureOf({}), NOW, 'zh', scopeOf('440000'));
		expect(m.map).toBe('fh-province-440000');
		expect(m.focus).toBe('440000');
		expect(m.provinces.map((p) => p.code)).toEqual(['440000']);
		expect(m.cities.map((c) => c.code)).toEqual(['440300']);
		// A city's wall shows its province's outline.
		expect(mapModel(pictureOf({}), NOW, 'zh', scopeOf('440300')).focus).toBe('440000');
	});
});

describe('mapOption', () => {
	const evil = '<img src=x onerror=window.__xss=1>';
	const picture = pictureOf({
		incidents: [makeIncident({ id: 'x', region: '440000', level: 'major', orgName: evil })],
		warnings: [makeWarning({ id: 'w', colour: 'red', regions: ['440000'] })]
	});
	const model = mapModel(picture, NOW, 'zh', national);
	const option = mapOption(model, 'zh', { '440000': [113.28, 23.13] }, 2);

	it('draws China under the name "china" with level fill and warning border', () => {
		expect(option.geo.map).toBe('china');
		const gd = option.geo.regions.find((r) => r.name === '广东')!;
		expect(gd.itemStyle.areaColor).toBe(LEVEL_COLOUR.major);
		expect(gd.itemStyle.borderColor).toBe('#ff3b3b');
		// Scaled for 4K: the warning border is thicker than the base border.
		expect(gd.itemStyle.borderWidth).toBe(7);
		expect(option.geo.regions.find((r) => r.name === '四川')!.itemStyle.borderWidth).toBe(2);
	});

	it('escapes data text in tooltips', () => {
		const html = option.tooltip.formatter({ name: '广东' });
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img src=x onerror=window.__xss=1&gt;');
	});

	it('labels provinces with open incidents only', () => {
		const labels = option.series[0]!.data as { code: string }[];
		expect(labels.map((l) => l.code)).toEqual(['440000']);
	});
});
