import type { Actor } from '../actor';
import { evaluate, NATIONAL_RULESET_2024, type IncidentFacts } from '../grading';
import type { Level, Sector } from '../levels';

/**
 * Small helpers shared by the demo day and the drill scripts: seeded choices, minute
 * arithmetic, actor shapes and grading. Everything here is a pure function of its arguments.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export type Rng = () => number;

/** Integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, p: number): boolean {
	return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick from an empty list');
	return items[Math.floor(rng() * items.length)] as T;
}

/** `n` distinct items, in the order drawn. */
export function pickSome<T>(rng: Rng, items: readonly T[], n: number): T[] {
	const pool = [...items];
	const out: T[] = [];
	while (out.length < n && pool.length > 0)
		out.push(pool.splice(int(rng, 0, pool.length - 1), 1)[0] as T);
	return out;
}

export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
	const total = entries.reduce((sum, [, w]) => sum + w, 0);
	let r = rng() * total;
	for (const [item, w] of entries) {
		r -= w;
		if (r < 0) return item;
	}
	return (entries[entries.length - 1] as readonly [T, number])[0];
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** ISO instant `offsetMs` after `startMs`. */
export const isoAt = (startMs: number, offsetMs: number) =>
	new Date(startMs + offsetMs).toISOString();

/** The same instant, floored to the minute (attachment 2 wants occurrence to the minute). */
export const minuteIso = (ms: number) =>
	new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString();

/** 1,234,567 → '123.5万', 120,000,000 → '1.2亿' (texts only). */
export function zhCount(n: number): string {
	if (n >= 100_000_000) return `${Number((n / 100_000_000).toFixed(2))}亿`;
	if (n >= 10_000) return `${Number((n / 10_000).toFixed(1))}万`;
	return String(n);
}

export interface Grade {
	level: Level;
	ruleSetVersion: string;
	firedCriteria: string[];
	explanation: string;
}

/** Grades facts with the national rule set, so every scripted level can be explained. */
export function grade(facts: IncidentFacts): Grade {
	const r = evaluate(facts, NATIONAL_RULESET_2024);
	return {
		level: r.level,
		ruleSetVersion: r.ruleSetVersion,
		firedCriteria: r.fired.map((f) => f.criterionId),
		explanation: r.explanation.zh
	};
}

export interface Org {
	orgId: string;
	name: string;
	region: string;
}

export function processorActor(org: Org, idPrefix = ''): Actor {
	return {
		id: `${idPrefix}u-${org.orgId}`,
		role: 'processor',
		orgId: org.orgId,
		region: org.region
	};
}

/** The regulator whose region and sector an incident falls under. */
export function regulatorActor(region: string, sector: Sector, idPrefix = ''): Actor {
	return { id: `${idPrefix}reg-${region}-${sector}`, role: 'regulator', region, sector };
}

export function ministryActor(id: string): Actor {
	return { id, role: 'ministry' };
}

export function agencyActor(agencyId: string, idPrefix = ''): Actor {
	return { id: `${idPrefix}u-${agencyId}`, role: 'agency', agencyId };
}
