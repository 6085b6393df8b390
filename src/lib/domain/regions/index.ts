import data from './regions.json' with { type: 'json' };
import type { Sector } from '../levels';

export type RegionKind = 'province' | 'city' | 'special';

export interface Region {
	/** GB/T 2260 code (6 digits), or `XPCC` for 新疆生产建设兵团. */
	code: string;
	name: string;
	en: string;
	kind: RegionKind;
	/** Province a 计划单列市 or XPCC belongs to. */
	parent: string | null;
	/** Has MIIT-line regulators (false for Taiwan, Hong Kong, Macau). */
	regulated: boolean;
	/** Sectors whose regulator sits in this region. */
	sectors: readonly Sector[];
}

const sectors = data.regulator_sectors as Record<string, Sector[]>;

export const REGIONS: readonly Region[] = [
	...data.provinces.map((p) => ({
		code: p.code,
		name: p.name,
		en: p.en,
		kind: 'province' as const,
		parent: null,
		regulated: p.regulated,
		sectors: p.regulated ? (sectors.provinces ?? []) : []
	})),
	...data.separately_planned_cities.map((c) => ({
		code: c.code,
		name: c.name,
		en: c.en,
		kind: 'city' as const,
		parent: c.province,
		regulated: true,
		sectors: sectors.separately_planned_cities ?? []
	})),
	...data.special.map((s) => ({
		code: s.code,
		name: s.name,
		en: s.en,
		kind: 'special' as const,
		parent: s.province,
		regulated: true,
		sectors: sectors.XPCC ?? []
	}))
];

const byCode = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): Region | undefined {
	return byCode.get(code);
}

export function isRegionCode(code: string): boolean {
	return byCode.has(code);
}

/** The province-level unit a region is shown within on the national map. */
export function provinceOf(code: string): string | undefined {
	const r = byCode.get(code);
	return r ? (r.parent ?? r.code) : undefined;
}

/**
 * The region whose regulator handles an incident in `region` for `sector`.
 * A 计划单列市 (and XPCC) regulates industrial data itself; telecom and radio go to the
 * province (DOMAIN.md, inferred).
 */
export function regulatorRegion(region: string, sector: Sector): string | undefined {
	const r = byCode.get(region);
	if (!r || !r.regulated) return undefined;
	if (r.sectors.includes(sector)) return r.code;
	return r.parent ?? undefined;
}
