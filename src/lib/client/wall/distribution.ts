import { LEVELS, SECTORS, type Level, type Sector } from '$lib/domain/levels';
import type { Picture } from '$lib/domain/picture';
import { translator } from '$lib/i18n';
import { LEVEL_COLOUR, UNGRADED_COLOUR } from './colours';
import { chinaYmd, clockText, escapeHtml, levelText, sectorText, type Lang } from './format';
import { incidentsOf, handlingIncidents } from './model';

export type LevelKey = Level | 'ungraded';
export const LEVEL_KEYS: readonly LevelKey[] = [...LEVELS, 'ungraded'];

export interface LevelRow {
	key: LevelKey;
	label: string;
	colour: string;
	total: number;
	bySector: Record<Sector, number>;
}

export interface Trend {
	labels: string[];
	counts: number[];
}

export interface DistributionModel {
	rows: LevelRow[];
	total: number;
	/** Open drill incidents, left out of every count above. */
	drillExcluded: number;
	trend24h: Trend;
	trend7d: Trend;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Open incidents by level × sector, and new reports per hour (24 h) and per day (7 days). */
export function distributionModel(picture: Picture, now: string, lang: Lang): DistributionModel {
	const zero = () => Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
	const rows: LevelRow[] = LEVEL_KEYS.map((key) => ({
		key,
		label: levelText(key === 'ungraded' ? null : key, lang),
		colour: key === 'ungraded' ? UNGRADED_COLOUR : LEVEL_COLOUR[key],
		total: 0,
		bySector: zero()
	}));
	let drillExcluded = 0;
	for (const i of handlingIncidents(picture)) {
		if (i.drill) {
			drillExcluded++;
			continue;
		}
		const row = rows[LEVEL_KEYS.indexOf(i.level ?? 'ungraded')]!;
		row.total++;
		row.bySector[i.sector]++;
	}

	const nowMs = Date.parse(now);
	const reported = incidentsOf(picture)
		.filter((i) => !i.drill)
		.map((i) => Date.parse(i.milestones.recordedAt));
	// Hourly buckets aligned to the hour (China and UTC hours coincide): the last is this hour.
	const hourStart = Math.floor(nowMs / HOUR) * HOUR;
	const trend24h: Trend = { labels: [], counts: [] };
	for (let k = 23; k >= 0; k--) {
		const from = hourStart - k * HOUR;
		trend24h.labels.push(clockText(from, false));
		trend24h.counts.push(reported.filter((t) => t >= from && t < from + HOUR && t <= nowMs).length);
	}
	const trend7d: Trend = { labels: [], counts: [] };
	for (let k = 6; k >= 0; k--) {
		const day = chinaYmd(nowMs - k * DAY);
		trend7d.labels.push(day.slice(5));
		trend7d.counts.push(reported.filter((t) => t <= nowMs && chinaYmd(t) === day).length);
	}
	return {
		rows,
		total: rows.reduce((n, r) => n + r.total, 0),
		drillExcluded,
		trend24h,
		trend7d
	};
}

const SECTOR_SHADE: Record<Sector, number> = { industrial: 1, telecom: 0.72, radio: 0.48 };
const AXIS = '#9aa6c4';
const GRID_LINE = '#2a3553';

/** Horizontal stacked bars: one row per level, one stack segment per sector. */
export function distributionOption(model: DistributionModel, lang: Lang, scale = 1) {
	const px = (n: number) => Math.round(n * scale);
	const rows = [...model.rows].reverse(); // ECharts draws the first category at the bottom
	return {
		backgroundColor: 'transparent',
		animation: false,
		grid: { left: px(8), right: px(44), top: px(34), bottom: px(4), containLabel: true },
		legend: {
			top: 0,
			right: 0,
			itemWidth: px(16),
			itemHeight: px(12),
			textStyle: { color: AXIS, fontSize: px(15) },
			data: SECTORS.map((s) => sectorText(s, lang))
		},
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			backgroundColor: '#0b1020ee',
			textStyle: { color: '#f3f6ff', fontSize: px(15) },
			formatter: (params: { seriesName: string; value: number; name: string }[]) =>
				[
					escapeHtml(params[0]?.name ?? ''),
					...params.map((p) => `${escapeHtml(p.seriesName)}: ${p.value}`)
				].join('<br>')
		},
		xAxis: {
			type: 'value',
			minInterval: 1,
			axisLabel: { color: AXIS, fontSize: px(14) },
			splitLine: { lineStyle: { color: GRID_LINE } }
		},
		yAxis: {
			type: 'category',
			data: rows.map((r) => r.label),
			axisLabel: { color: '#f3f6ff', fontSize: px(17), fontWeight: 'bold' },
			axisLine: { lineStyle: { color: GRID_LINE } },
			axisTick: { show: false }
		},
		series: SECTORS.map((sector, i) => ({
			id: sector,
			name: sectorText(sector, lang),
			type: 'bar',
			stack: 'open',
			barWidth: '62%',
			// The legend shows the sector as a shade; each bar takes its level's colour at that shade.
			itemStyle: {
				color: '#e2e8f0',
				opacity: SECTOR_SHADE[sector],
				borderColor: '#0b1020',
				borderWidth: px(1)
			},
			label:
				i === SECTORS.length - 1
					? {
							show: true,
							position: 'right',
							color: '#f3f6ff',
							fontSize: px(17),
							fontWeight: 'bold',
							formatter: (p: { dataIndex: number }) => String(rows[p.dataIndex]!.total || '')
						}
					: { show: false },
			data: rows.map((r) => ({
				value: r.bySector[sector],
				itemStyle: { color: r.colour, opacity: SECTOR_SHADE[sector] }
			}))
		}))
	};
}

/** The two trend lines (24 h hourly above, 7 days daily below). */
export function trendOption(model: DistributionModel, lang: Lang, scale = 1) {
	const t = translator(lang);
	const px = (n: number) => Math.round(n * scale);
	const axisLabel = { color: AXIS, fontSize: px(13) };
	const title = (text: string, top: string) => ({
		text,
		top,
		left: 0,
		textStyle: { color: '#cbd5f5', fontSize: px(15), fontWeight: 'normal' }
	});
	return {
		backgroundColor: 'transparent',
		animation: false,
		title: [
			title(t('wall.distribution.trend24h'), '0%'),
			title(t('wall.distribution.trend7d'), '52%')
		],
		tooltip: {
			trigger: 'axis',
			backgroundColor: '#0b1020ee',
			textStyle: { color: '#f3f6ff', fontSize: px(15) },
			formatter: (params: { name: string; value: number }[]) =>
				`${escapeHtml(params[0]?.name ?? '')}<br>${escapeHtml(t('wall.distribution.reported'))}: ${params[0]?.value ?? 0}`
		},
		grid: [
			{ left: px(8), right: px(12), top: '12%', height: '30%', containLabel: true },
			{ left: px(8), right: px(12), top: '64%', height: '30%', containLabel: true }
		],
		xAxis: [
			{
				type: 'category',
				gridIndex: 0,
				data: model.trend24h.labels,
				axisLabel: { ...axisLabel, interval: 5 },
				axisLine: { lineStyle: { color: GRID_LINE } }
			},
			{
				type: 'category',
				gridIndex: 1,
				data: model.trend7d.labels,
				axisLabel,
				axisLine: { lineStyle: { color: GRID_LINE } }
			}
		],
		yAxis: [0, 1].map((gridIndex) => ({
			type: 'value',
			gridIndex,
			minInterval: 1,
			splitNumber: 2,
			axisLabel,
			splitLine: { lineStyle: { color: GRID_LINE } }
		})),
		series: [
			{
				id: 'trend24h',
				type: 'line',
				xAxisIndex: 0,
				yAxisIndex: 0,
				data: model.trend24h.counts,
				symbol: 'none',
				lineStyle: { color: '#38bdf8', width: px(3) },
				areaStyle: { color: '#38bdf833' }
			},
			{
				id: 'trend7d',
				type: 'bar',
				xAxisIndex: 1,
				yAxisIndex: 1,
				data: model.trend7d.counts,
				barWidth: '55%',
				itemStyle: { color: '#818cf8' },
				label: { show: true, position: 'top', color: '#f3f6ff', fontSize: px(14) }
			}
		]
	};
}
