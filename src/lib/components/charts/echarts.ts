/**
 * ECharts, tree-shaken to what the wall draws, and the China map. Loaded lazily by the chart
 * components (a separate client chunk), so the first paint never waits for it.
 *
 * Map data: `echarts-map-data` (= echarts@4.9.0, Apache-2.0) `map/json/china.json`, bundled at
 * build time: the wall never downloads anything at run time. Registered under the name 'china'
 * so ECharts draws the South China Sea islands inset (南海诸岛). It carries no map approval
 * number (审图号): an official publication needs an approved standard map.
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
	GeoComponent,
	GridComponent,
	LegendComponent,
	TitleComponent,
	TooltipComponent
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import china from 'echarts-map-data/map/json/china.json';

echarts.use([
	BarChart,
	LineChart,
	ScatterChart,
	GeoComponent,
	GridComponent,
	LegendComponent,
	TitleComponent,
	TooltipComponent,
	CanvasRenderer
]);

interface Feature {
	id: string;
	properties: { name: string; cp?: [number, number] };
}
const features = (china as unknown as { features: Feature[] }).features;

/** Label anchors per province code (the GeoJSON's `cp`). */
export const centres: Record<string, [number, number]> = Object.fromEntries(
	features.filter((f) => f.properties.cp).map((f) => [f.id, f.properties.cp!])
);

/** Registers 'china' or one province's outline ('fh-province-<code>') once. */
export function ensureMap(key: string): void {
	if (echarts.getMap(key)) return;
	if (key === 'china') {
		echarts.registerMap('china', china as never);
		return;
	}
	const code = key.replace('fh-province-', '');
	echarts.registerMap(key, {
		...(china as object),
		features: features.filter((f) => f.id === code)
	} as never);
}

export { echarts };
