import { COLOUR_LABEL, colourRank, type Level, type WarningColour } from '$lib/domain/levels';
import type { Picture } from '$lib/domain/picture';
import { provinceOf, REGIONS } from '$lib/domain/regions';
import { LEVEL_COLOUR, UNGRADED_COLOUR, WARNING_HEX, inkOn } from './colours';
import { escapeHtml, levelText, regionText, type Lang } from './format';
import {
	activeWarnings,
	allClocks,
	highestLevel,
	handlingIncidents,
	type WallScope
} from './model';
import { translator } from '$lib/i18n';

/**
 * Feature names of the provincial-level units in echarts@4.9.0's `map/json/china.json`, by
 * GB/T 2260 code (the file's feature ids). A unit test checks this table against the file.
 */
export const MAP_NAME: Readonly<Record<string, string>> = {
	'110000': '北京',
	'120000': '天津',
	'130000': '河北',
	'140000': '山西',
	'150000': '内蒙古',
	'210000': '辽宁',
	'220000': '吉林',
	'230000': '黑龙江',
	'310000': '上海',
	'320000': '江苏',
	'330000': '浙江',
	'340000': '安徽',
	'350000': '福建',
	'360000': '江西',
	'370000': '山东',
	'410000': '河南',
	'420000': '湖北',
	'430000': '湖南',
	'440000': '广东',
	'450000': '广西',
	'460000': '海南',
	'500000': '重庆',
	'510000': '四川',
	'520000': '贵州',
	'530000': '云南',
	'540000': '西藏',
	'610000': '陕西',
	'620000': '甘肃',
	'630000': '青海',
	'640000': '宁夏',
	'650000': '新疆',
	'710000': '台湾',
	'810000': '香港',
	'820000': '澳门'
};

/** Where the 计划单列市 and XPCC (its seat, Shihezi) are drawn, [longitude, latitude]. */
export const CITY_COORD: Readonly<Record<string, [number, number]>> = {
	'210200': [121.61, 38.91],
	'370200': [120.38, 36.07],
	'330200': [121.55, 29.87],
	'350200': [118.09, 24.48],
	'440300': [114.06, 22.54],
	XPCC: [86.04, 44.31]
};

/** The ECharts map name a wall draws: all of China, or one province's outline. */
export const mapKey = (scope: WallScope) =>
	scope.kind === 'national' ? 'china' : `fh-province-${scope.province}`;

export interface CityCell {
	code: string;
	name: string;
	open: number;
	level: Level | null;
}

export interface ProvinceCell {
	code: string;
	mapName: string;
	name: string;
	/** Open real (non-drill) incidents in the province, its 计划单列市 and XPCC included. */
	open: number;
	/** Open drill incidents: shown, never mixed into the real count. */
	drillOpen: number;
	level: Level | null;
	fill: string | null;
	warning: WarningColour | null;
	overdue: number;
	cities: CityCell[];
	/** Organisations with open incidents (tooltip; data text, escaped when drawn). */
	orgs: string[];
}

export interface MapModel {
	map: string;
	focus: string | null;
	provinces: ProvinceCell[];
	cities: CityCell[];
	totals: { open: number; overdue: number; warned: number };
}

export function mapModel(picture: Picture, now: string, lang: Lang, scope: WallScope): MapModel {
	const cells = new Map<string, ProvinceCell>();
	for (const code of Object.keys(MAP_NAME))
		cells.set(code, {
			code,
			mapName: MAP_NAME[code]!,
			name: shortName(code, lang),
			open: 0,
			drillOpen: 0,
			level: null,
			fill: null,
			warning: null,
			overdue: 0,
			cities: [],
			orgs: []
		});
	const cityCells = new Map<string, CityCell>();
	for (const r of REGIONS.filter((r) => r.parent !== null)) {
		const city: CityCell = { code: r.code, name: cityName(r.code, lang), open: 0, level: null };
		cityCells.set(r.code, city);
		cells.get(r.parent!)?.cities.push(city);
	}

	const levels = new Map<string, (Level | null)[]>();
	for (const i of handlingIncidents(picture)) {
		const province = provinceOf(i.region);
		const cell = province ? cells.get(province) : undefined;
		if (!cell) continue;
		if (i.drill) {
			cell.drillOpen++;
			continue;
		}
		cell.open++;
		levels.set(cell.code, [...(levels.get(cell.code) ?? []), i.level]);
		if (!cell.orgs.includes(i.report.organisation.name)) cell.orgs.push(i.report.organisation.name);
		const city = cityCells.get(i.region);
		if (city) {
			city.open++;
			city.level = highestLevel([city.level, i.level]);
		}
	}
	for (const [code, ls] of levels) {
		const cell = cells.get(code)!;
		cell.level = highestLevel(ls);
		cell.fill = cell.level ? LEVEL_COLOUR[cell.level] : UNGRADED_COLOUR;
	}
	for (const w of activeWarnings(picture, now)) {
		for (const r of w.scope.regions) {
			const cell = cells.get(provinceOf(r) ?? r);
			if (!cell) continue;
			if (!cell.warning || colourRank(w.colour) > colourRank(cell.warning)) cell.warning = w.colour;
		}
	}
	for (const c of allClocks(picture, now)) {
		if (c.status !== 'overdue' || c.incident.drill) continue;
		const cell = cells.get(provinceOf(c.incident.region) ?? '');
		if (cell) cell.overdue++;
	}

	const provinces = [...cells.values()].filter(
		(c) => scope.kind === 'national' || c.code === scope.province
	);
	return {
		map: mapKey(scope),
		focus: scope.kind === 'national' ? null : scope.province,
		provinces,
		cities: provinces.flatMap((p) => p.cities),
		totals: {
			open: provinces.reduce((n, p) => n + p.open, 0),
			overdue: provinces.reduce((n, p) => n + p.overdue, 0),
			warned: provinces.filter((p) => p.warning).length
		}
	};
}

/** 深圳市 → 深圳, 新疆生产建设兵团 → 兵团: labels on the map stay short. */
function cityName(code: string, lang: Lang): string {
	if (code === 'XPCC') return lang === 'zh' ? '兵团' : 'XPCC';
	return lang === 'zh' ? regionText(code, lang).replace(/市$/, '') : regionText(code, lang);
}

/** 北京市 → 北京, 内蒙古自治区 → 内蒙古 (the map's own short names), English as is. */
function shortName(code: string, lang: Lang): string {
	return lang === 'zh' ? MAP_NAME[code]! : regionText(code, lang);
}

const BASE_FILL = '#1a2440';
const BASE_BORDER = '#4a5b82';

/**
 * The ECharts option of the map panel. `centres` are label anchors per province code (from the
 * GeoJSON's `cp`); `scale` is the wall's pixel scale (1 at 1080p) so lines and text grow on 4K.
 */
export function mapOption(
	model: MapModel,
	lang: Lang,
	centres: Readonly<Record<string, [number, number]>>,
	scale = 1
) {
	const t = translator(lang);
	const byMapName = new Map(model.provinces.map((p) => [p.mapName, p]));
	const px = (n: number) => Math.round(n * scale);
	const labelled = model.provinces.filter(
		(p) => (p.open > 0 || p.drillOpen > 0 || p.overdue > 0) && centres[p.code]
	);
	return {
		backgroundColor: 'transparent',
		animation: false,
		tooltip: {
			trigger: 'item',
			confine: true,
			backgroundColor: '#0b1020ee',
			borderColor: '#4a5b82',
			textStyle: { color: '#f3f6ff', fontSize: px(16) },
			formatter: (params: { name?: string; data?: { code?: string } }) => {
				const p = params.data?.code
					? model.provinces.find((x) => x.code === params.data!.code)
					: byMapName.get(params.name ?? '');
				return p ? provinceTooltip(p, lang) : escapeHtml(params.name ?? '');
			}
		},
		geo: {
			map: model.map,
			roam: false,
			// Fit the box, keeping the map's aspect: the panel's shape varies with the screen.
			top: px(8),
			bottom: px(8),
			left: px(8),
			right: px(8),
			aspectScale: 0.82,
			silent: false,
			label: { show: false },
			itemStyle: { areaColor: BASE_FILL, borderColor: BASE_BORDER, borderWidth: px(1) },
			emphasis: { disabled: true },
			select: { disabled: true },
			regions: model.provinces.map((p) => ({
				name: p.mapName,
				itemStyle: {
					areaColor: p.fill ?? BASE_FILL,
					borderColor: p.warning ? WARNING_HEX[p.warning] : BASE_BORDER,
					borderWidth: p.warning ? px(3.5) : px(1),
					...(p.warning ? { shadowColor: WARNING_HEX[p.warning], shadowBlur: px(12) } : {})
				}
			}))
		},
		series: [
			{
				id: 'provinces',
				type: 'scatter',
				coordinateSystem: 'geo',
				symbolSize: 0,
				silent: false,
				z: 5,
				data: labelled.map((p) => ({
					name: p.mapName,
					code: p.code,
					value: [...centres[p.code]!, p.open]
				})),
				label: {
					show: true,
					position: 'inside',
					formatter: (params: { data: { code: string } }) => {
						const p = model.provinces.find((x) => x.code === params.data.code)!;
						const parts = [`{name|${p.name}}`];
						if (p.open > 0) parts.push(`{count|${p.open}}`);
						if (p.drillOpen > 0) parts.push(`{drill|${t('wall.drill.tag')} ${p.drillOpen}}`);
						if (p.overdue > 0) parts.push(`{late|${t('wall.map.badge', { count: p.overdue })}}`);
						return parts.join(' ');
					},
					rich: {
						name: {
							color: '#ffffff',
							fontSize: px(15),
							fontWeight: 'bold',
							textBorderColor: '#0b1020',
							textBorderWidth: px(3)
						},
						count: {
							color: '#ffffff',
							fontSize: px(20),
							fontWeight: 'bold',
							textBorderColor: '#0b1020',
							textBorderWidth: px(3)
						},
						drill: {
							color: '#111827',
							backgroundColor: '#f59e0b',
							padding: [px(1), px(4)],
							borderRadius: px(3),
							fontSize: px(13),
							fontWeight: 'bold'
						},
						late: {
							color: '#ffffff',
							backgroundColor: '#dc2626',
							borderColor: '#ffffff',
							borderWidth: px(1),
							padding: [px(2), px(5)],
							borderRadius: px(9),
							fontSize: px(14),
							fontWeight: 'bold'
						}
					}
				}
			},
			{
				id: 'cities',
				type: 'scatter',
				coordinateSystem: 'geo',
				z: 6,
				symbol: 'diamond',
				symbolSize: px(model.focus ? 18 : 11),
				data: model.cities
					.filter((c) => CITY_COORD[c.code])
					.map((c) => ({
						name: c.name,
						code: c.code,
						value: [...CITY_COORD[c.code]!, c.open],
						itemStyle: {
							color: c.level ? LEVEL_COLOUR[c.level] : c.open > 0 ? UNGRADED_COLOUR : '#0b1020',
							borderColor: '#ffffff',
							borderWidth: px(1.5)
						},
						label: {
							show: model.focus !== null || c.open > 0,
							color: c.level ? inkOn('#0b1020') : '#ffffff'
						}
					})),
				label: {
					position: 'right',
					fontSize: px(model.focus ? 18 : 13),
					color: '#ffffff',
					textBorderColor: '#0b1020',
					textBorderWidth: px(3),
					formatter: (params: { data: { code: string } }) => {
						const c = model.cities.find((x) => x.code === params.data.code)!;
						return c.open > 0 ? `${c.name} ${c.open}` : c.name;
					}
				},
				tooltip: {
					formatter: (params: { data: { code: string } }) => {
						const c = model.cities.find((x) => x.code === params.data.code)!;
						return `${escapeHtml(c.name)}<br>${escapeHtml(t('wall.map.open'))}: ${c.open}`;
					}
				}
			}
		]
	};
}

function provinceTooltip(p: ProvinceCell, lang: Lang): string {
	const t = translator(lang);
	const rows = [
		`<b>${escapeHtml(regionText(p.code, lang))}</b>`,
		`${escapeHtml(t('wall.map.open'))}: ${p.open}`,
		`${escapeHtml(t('wall.map.highest'))}: ${escapeHtml(p.open > 0 ? levelText(p.level, lang) : t('wall.map.none'))}`
	];
	if (p.warning)
		rows.push(
			`${escapeHtml(t('wall.map.warning'))}: ${escapeHtml(t('wall.warning.title', { colour: colourText(p.warning, lang) }))}`
		);
	if (p.overdue > 0) rows.push(`${escapeHtml(t('wall.map.overdue'))}: ${p.overdue}`);
	if (p.drillOpen > 0) rows.push(`${escapeHtml(t('wall.map.drill'))}: ${p.drillOpen}`);
	for (const c of p.cities.filter((c) => c.open > 0)) rows.push(`${escapeHtml(c.name)}: ${c.open}`);
	if (p.orgs.length > 0)
		rows.push(
			`${escapeHtml(t('wall.map.orgs'))}: ${p.orgs.slice(0, 5).map(escapeHtml).join('、')}`
		);
	return rows.join('<br>');
}

export const colourText = (c: WarningColour, lang: Lang) => COLOUR_LABEL[c][lang];
