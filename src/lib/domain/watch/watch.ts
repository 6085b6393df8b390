import type { Actor } from '../actor';
import { chinaDate, endOfChinaDay, isYmd, parseInstant } from '../calendar';
import { openStatus, type Clock } from '../clocks';
import { eventEmitter } from '../decider';
import { forbidden, refusals } from '../errors';
import {
	applyOverrides,
	MIIT_2024_POLICY,
	strictestOverrides,
	type ClockOverrides,
	type Policy
} from '../policy';
import { provinceOf } from '../regions';
import {
	watchEventSchemas,
	type DesignatedProcessor,
	type WatchCommand,
	type WatchEvent
} from './events';

export interface WatchProcessor extends DesignatedProcessor {
	designatedAt: string;
	/** Dropped from the list by an amendment: owes nothing due after this. */
	removedAt?: string;
}

export interface ZeroReport {
	orgId: string;
	date: string;
	at: string;
	by: string;
	note?: string;
}

export interface WatchPeriod {
	status: 'open' | 'ended';
	watchId: string;
	name: string;
	startsAt: string;
	endsAt: string;
	regions: string[];
	clockOverrides: ClockOverrides;
	processors: WatchProcessor[];
	drill: boolean;
	createdAt: string;
	createdBy: string;
	amendments: { at: string; by: string; reason: string }[];
	/** Set when ended early by command; otherwise the window simply runs out at `endsAt`. */
	endedAt: string | null;
	endReason: string | null;
	zeroReports: ZeroReport[];
}

export type WatchState = { status: 'none' } | WatchPeriod;
export const initialState: WatchState = { status: 'none' };

const ms = (iso: string) => Date.parse(iso);

function mergeProcessors(
	current: readonly WatchProcessor[],
	next: readonly DesignatedProcessor[],
	at: string
): WatchProcessor[] {
	const wanted = new Map(next.map((p) => [p.orgId, p]));
	const kept = current.map((p) => {
		const w = wanted.get(p.orgId);
		if (w && p.removedAt === undefined) return { ...p, ...w };
		if (!w && p.removedAt === undefined) return { ...p, removedAt: at };
		return p;
	});
	const active = new Set(kept.filter((p) => p.removedAt === undefined).map((p) => p.orgId));
	const added = next.filter((p) => !active.has(p.orgId)).map((p) => ({ ...p, designatedAt: at }));
	return [...kept, ...added];
}

export function evolve(state: WatchState, event: WatchEvent): WatchState {
	if (event.type === 'WatchPeriodCreated') {
		if (state.status !== 'none') return state;
		const d = event.data;
		return {
			status: 'open',
			watchId: d.watchId,
			name: d.name,
			startsAt: d.startsAt,
			endsAt: d.endsAt,
			regions: d.regions,
			clockOverrides: d.clockOverrides,
			processors: d.designatedProcessors.map((p) => ({ ...p, designatedAt: d.at })),
			drill: d.drill,
			createdAt: d.at,
			createdBy: d.by,
			amendments: [],
			endedAt: null,
			endReason: null,
			zeroReports: []
		};
	}
	if (state.status === 'none') return state;
	switch (event.type) {
		case 'WatchPeriodAmended': {
			const d = event.data;
			return {
				...state,
				name: d.name ?? state.name,
				startsAt: d.startsAt ?? state.startsAt,
				endsAt: d.endsAt ?? state.endsAt,
				regions: d.regions ?? state.regions,
				clockOverrides: d.clockOverrides ?? state.clockOverrides,
				processors: d.designatedProcessors
					? mergeProcessors(state.processors, d.designatedProcessors, d.at)
					: state.processors,
				amendments: [...state.amendments, { at: d.at, by: d.by, reason: d.reason }]
			};
		}
		case 'WatchPeriodEnded':
			return {
				...state,
				status: 'ended',
				endedAt: event.data.at,
				endReason: event.data.reason ?? null
			};
		case 'ZeroReportSubmitted': {
			const { orgId, date, at, by, note } = event.data;
			return {
				...state,
				zeroReports: [...state.zeroReports, { orgId, date, at, by, ...(note ? { note } : {}) }]
			};
		}
	}
}

/** The watch's refusals, by kind (codes `watch.…`). */
const fail = refusals('watch');
const emit = eventEmitter<WatchEvent>(watchEventSchemas, fail.invalid);

/**
 * Major national events are the ministry's to declare; a regulator may declare one within its
 * own province (a provincial event), and the same scope governs amending and ending it.
 */
export function mayManage(actor: Actor, regions: readonly string[]): boolean {
	if (actor.role === 'ministry') return true;
	if (actor.role !== 'regulator' || !actor.region) return false;
	const own = provinceOf(actor.region);
	return own !== undefined && regions.every((r) => provinceOf(r) === own);
}

/** Whether `actor` may declare a watch period at all: over its own region, or anywhere (ministry). */
export function mayDeclareWatch(actor: Actor): boolean {
	return mayManage(actor, actor.region ? [actor.region] : []);
}

function checkWindow(startsAt: string, endsAt: string) {
	if (ms(endsAt) <= ms(startsAt))
		throw fail.invalid('invalid_window', 'a watch period must end after it starts', 'endsAt');
}

function checkProcessors(list: readonly DesignatedProcessor[]) {
	if (new Set(list.map((p) => p.orgId)).size !== list.length)
		throw fail.invalid(
			'duplicate_processor',
			'a processor is designated twice',
			'designatedProcessors'
		);
}

export function decide(
	command: WatchCommand,
	state: WatchState,
	ctx: { now: string; actor: Actor }
): WatchEvent[] {
	const { now, actor } = ctx;
	const by = actor.id;
	if (command.type === 'CreateWatchPeriod') {
		if (state.status !== 'none')
			throw fail.conflict('already_exists', 'watch period exists', 'watchId');
		const d = command.data;
		if (!mayManage(actor, d.regions)) throw forbidden(actor, command.type);
		checkWindow(d.startsAt, d.endsAt);
		checkProcessors(d.designatedProcessors);
		return [
			emit('WatchPeriodCreated', {
				at: now,
				by,
				watchId: d.watchId,
				name: d.name,
				startsAt: d.startsAt,
				endsAt: d.endsAt,
				regions: d.regions,
				clockOverrides: d.clockOverrides,
				designatedProcessors: d.designatedProcessors,
				drill: d.drill ?? false
			})
		];
	}
	if (state.status === 'none') throw fail.notFound('not_found', 'no such watch period');
	if (state.status === 'ended') throw fail.conflict('ended', 'the watch period has ended');
	switch (command.type) {
		case 'AmendWatchPeriod': {
			const d = command.data;
			if (!mayManage(actor, state.regions) || !mayManage(actor, d.regions ?? []))
				throw forbidden(actor, command.type);
			if (!d.reason?.trim())
				throw fail.invalid('reason_required', 'an amendment needs a reason', 'reason');
			checkWindow(d.startsAt ?? state.startsAt, d.endsAt ?? state.endsAt);
			if (d.designatedProcessors) checkProcessors(d.designatedProcessors);
			return [emit('WatchPeriodAmended', { at: now, by, ...d })];
		}
		case 'EndWatchPeriod': {
			if (!mayManage(actor, state.regions)) throw forbidden(actor, command.type);
			const { reason } = command.data;
			return [emit('WatchPeriodEnded', { at: now, by, ...(reason ? { reason } : {}) })];
		}
		case 'SubmitZeroReport': {
			const { orgId, date, note } = command.data;
			const ownOrg =
				actor.role === 'processor' &&
				(actor.orgId === orgId || (actor.subsidiaries ?? []).includes(orgId));
			if (!ownOrg) throw forbidden(actor, command.type);
			if (!state.processors.some((p) => p.orgId === orgId && p.removedAt === undefined))
				throw fail.invalid(
					'not_designated',
					'this processor is not designated for the watch',
					'orgId'
				);
			if (!isYmd(date)) throw fail.invalid('invalid_payload', 'YYYY-MM-DD', 'date');
			if (
				date < chinaDate(state.startsAt) ||
				date > chinaDate(state.endsAt) ||
				date > chinaDate(now)
			)
				throw fail.invalid(
					'invalid_date',
					'the date is outside the watch window or in the future',
					'date'
				);
			if (state.zeroReports.some((r) => r.orgId === orgId && r.date === date))
				throw fail.conflict('zero_report_duplicate', 'already checked in for this day', 'date');
			return [emit('ZeroReportSubmitted', { at: now, by, orgId, date, ...(note ? { note } : {}) })];
		}
	}
}

export type WatchStatus = 'none' | 'scheduled' | 'active' | 'ended';

/** When the watch stops, whichever comes first: its planned end or an explicit end. */
export function watchEnd(w: WatchPeriod): string {
	return w.endedAt !== null && ms(w.endedAt) < ms(w.endsAt) ? w.endedAt : w.endsAt;
}

export function watchStatus(state: WatchState, now: string): WatchStatus {
	if (state.status === 'none') return 'none';
	if (ms(now) >= ms(watchEnd(state))) return 'ended';
	return ms(now) < ms(state.startsAt) ? 'scheduled' : 'active';
}

/** A watch over a province covers its 计划单列市 and XPCC; one over a city covers only the city. */
export function watchCovers(w: WatchPeriod, region: string): boolean {
	return w.regions.some((r) => r === region || r === provinceOf(region));
}

export function activeWatchesFor(
	region: string,
	watches: readonly WatchState[],
	now: string
): WatchPeriod[] {
	return watches
		.filter((w): w is WatchPeriod => w.status !== 'none')
		.filter((w) => watchStatus(w, now) === 'active' && watchCovers(w, region))
		.sort((a, b) => ms(a.startsAt) - ms(b.startsAt) || a.watchId.localeCompare(b.watchId));
}

export function activeWatchFor(
	region: string,
	watches: readonly WatchState[],
	now: string
): WatchPeriod | undefined {
	return activeWatchesFor(region, watches, now)[0];
}

/**
 * The policy an incident's clocks run under: the base tightened by every watch active over its
 * region at discovery. Discovery, not now: a deadline must not move when a watch later begins or
 * ends, or met/missed could change after the fact.
 */
export function effectivePolicy(
	base: Policy,
	incident: { region: string; discoveredAt: string },
	watches: readonly WatchState[]
): Policy {
	const active = activeWatchesFor(incident.region, watches, incident.discoveredAt);
	if (active.length === 0) return base;
	return applyOverrides(
		base,
		strictestOverrides(active.map((w) => w.clockOverrides)),
		`watch:${active.map((w) => w.watchId).join(',')}`
	);
}

export interface ZeroReportClock extends Clock {
	duty: 'zero_report';
	date: string;
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' at 'HH:MM' China time, as a UTC ISO string. */
function chinaTime(date: string, hhmm: string): string {
	return new Date(parseInstant(`${date}T${hhmm}:00+08:00`)).toISOString();
}

function nextDate(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * One clock per designated processor per China-time day of the window up to today. A day owes a
 * check-in when its due time falls inside the window and inside the processor's designation.
 * Past due today it is overdue; once the day is over without a check-in it is missed.
 */
export function zeroReportClocks(
	state: WatchState,
	nowIso: string,
	policy: Policy = MIIT_2024_POLICY
): ZeroReportClock[] {
	if (state.status === 'none' || ms(nowIso) < ms(state.startsAt)) return [];
	const effective = applyOverrides(policy, state.clockOverrides, `watch:${state.watchId}`);
	const dueTime = effective.deadlines.zeroReport.dueTime;
	const end = watchEnd(state);
	const lastDate = [chinaDate(end), chinaDate(nowIso)].sort()[0]!;
	const out: ZeroReportClock[] = [];
	for (let date = chinaDate(state.startsAt); date <= lastDate; date = nextDate(date)) {
		const dueAt = chinaTime(date, dueTime);
		if (ms(dueAt) < ms(state.startsAt) || ms(dueAt) > ms(end)) continue;
		const dayStart = chinaTime(date, '00:00');
		for (const p of state.processors) {
			if (ms(dueAt) < ms(p.designatedAt)) continue;
			if (p.removedAt !== undefined && ms(dueAt) > ms(p.removedAt)) continue;
			const startedAt = [dayStart, state.startsAt, p.designatedAt].reduce((a, b) =>
				ms(a) >= ms(b) ? a : b
			);
			const report = state.zeroReports.find(
				(r) => r.orgId === p.orgId && r.date === date && ms(r.at) <= ms(nowIso)
			);
			const base = {
				id: `zero_report:${p.orgId}:${date}`,
				duty: 'zero_report' as const,
				date,
				owedBy: { party: 'processor' as const, orgId: p.orgId, region: p.region },
				startedAt,
				dueAt,
				policyVersion: `${effective.id}@${effective.version}`,
				reason: { code: 'watch_day' as const, at: startedAt }
			};
			if (report) {
				out.push({
					...base,
					status: ms(report.at) <= ms(dueAt) ? 'met' : 'missed',
					metAt: report.at
				});
			} else if (ms(nowIso) <= ms(dueAt)) {
				out.push({ ...base, status: openStatus(startedAt, dueAt, nowIso, effective.dueSoon) });
			} else {
				const dayOver = ms(nowIso) > ms(endOfChinaDay(date)) || ms(nowIso) >= ms(end);
				out.push({ ...base, status: dayOver ? 'missed' : 'overdue' });
			}
		}
	}
	return out;
}
