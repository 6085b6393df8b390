import type { Actor } from '../actor';
import { CHINA_OFFSET_MS } from '../calendar/calendar';
import { evaluate, NATIONAL_RULESET_2024, type IncidentFacts } from '../grading';
import type { Level, Sector } from '../levels';
import type { Inject, ScenarioAggregate } from './types';

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

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
	return pickSome(rng, items, items.length);
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** ISO instant `offsetMs` after `startMs`. */
export const isoAt = (startMs: number, offsetMs: number) =>
	new Date(startMs + offsetMs).toISOString();

/** The same instant, floored to the minute (attachment 2 wants occurrence to the minute). */
export const minuteIso = (ms: number) =>
	new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString();

/** 'HH:MM' China time of an instant, for texts. */
export function chinaClock(ms: number): string {
	const d = new Date(ms + CHINA_OFFSET_MS);
	return `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}`;
}

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

/** Collects injects; a scenario is cut at its end, so anything later is simply not issued. */
export class InjectList {
	readonly injects: Inject[] = [];
	constructor(private readonly endMs: number) {}

	/** Adds the inject if it falls inside the scenario; returns whether it did. */
	add(
		offsetMs: number,
		aggregate: ScenarioAggregate,
		id: string,
		command: Inject['command'],
		actor: Actor,
		label?: string
	): boolean {
		if (offsetMs < 0 || offsetMs >= this.endMs) return false;
		this.injects.push({ offsetMs, aggregate, id, command, actor, ...(label ? { label } : {}) });
		return true;
	}

	/** Injects in time order; the sort is stable, so same-instant steps keep their order. */
	sorted(): Inject[] {
		return [...this.injects].sort((a, b) => a.offsetMs - b.offsetMs);
	}
}
