import { COLOUR_LABEL, SECTOR_LABEL, type Level, type WarningColour } from '$lib/domain/levels';
import type { ClockOverrides } from '$lib/domain/policy';
import type { Picture } from '$lib/domain/picture';
import { provinceOf } from '$lib/domain/regions';
import { watchEnd, zeroReportClocks } from '$lib/domain/watch';
import { translator } from '$lib/i18n';
import { WARNING_HEX, inkOn } from './colours';
import {
	chinaYmd,
	clockText,
	dayTimeText,
	durationText,
	levelText,
	regionText,
	type Lang
} from './format';
import {
	activeWarnings,
	activeWatches,
	runningDrills,
	scheduledWatches,
	type WallScope
} from './model';

export interface WarningBanner {
	id: string;
	colour: WarningColour;
	background: string;
	ink: string;
	heading: string;
	/** The warning's title (data text). */
	title: string;
	scope: string;
	until: string;
	left: string;
}

export function warningBanners(picture: Picture, now: string, lang: Lang): WarningBanner[] {
	const t = translator(lang);
	return activeWarnings(picture, now).map((w) => ({
		id: w.warningId,
		colour: w.colour,
		background: WARNING_HEX[w.colour],
		ink: inkOn(WARNING_HEX[w.colour]),
		heading: t('wall.warning.title', { colour: COLOUR_LABEL[w.colour][lang] }),
		title: w.title,
		scope: [
			w.scope.regions.map((r) => regionText(r, lang)).join(lang === 'zh' ? '、' : ', '),
			w.scope.sectors.map((s) => SECTOR_LABEL[s][lang]).join('/')
		].join(' · '),
		until: t('wall.warning.until', { time: dayTimeText(w.validUntil) }),
		left: t('wall.warning.left', {
			left: durationText(Date.parse(w.validUntil) - Date.parse(now), lang)
		})
	}));
}

export interface WatchBanner {
	id: string;
	/** The watch period's name (data text). */
	name: string;
	phase: 'active' | 'scheduled';
	label: string;
	left: string;
	drill: boolean;
}

export function watchBanners(
	picture: Picture,
	now: string,
	lang: Lang,
	scope: WallScope
): WatchBanner[] {
	const t = translator(lang);
	const nowMs = Date.parse(now);
	return [
		...activeWatches(picture, now, scope).map((w) => ({
			id: w.watchId,
			name: w.name,
			phase: 'active' as const,
			label: t('wall.watch.endsIn'),
			left: durationText(Date.parse(watchEnd(w)) - nowMs, lang),
			drill: w.drill
		})),
		...scheduledWatches(picture, now, scope).map((w) => ({
			id: w.watchId,
			name: w.name,
			phase: 'scheduled' as const,
			label: t('wall.watch.startsIn'),
			left: durationText(Date.parse(w.startsAt) - nowMs, lang),
			drill: w.drill
		}))
	];
}

export type CheckIn = 'reported' | 'late' | 'pending' | 'overdue';

export interface CheckInCell {
	orgId: string;
	/** The processor's name (data text). */
	name: string;
	region: string;
	status: CheckIn;
	label: string;
	/** China time of the check-in, when there was one. */
	at: string | null;
}

export interface ZeroReportGrid {
	watchId: string;
	name: string;
	heading: string;
	missing: number;
	cells: CheckInCell[];
	drill: boolean;
	/** The watch's stricter deadlines, in words ('电话报部 5 分钟内'). */
	stricter: string[];
}

const OVERRIDE_DUTY = {
	reportLocal: 'report_local',
	ministryPhone: 'ministry_phone',
	ministryWritten: 'ministry_written',
	leadingGroupPhone: 'leading_group_phone',
	leadingGroupWritten: 'leading_group_written',
	agencyAcceptance: 'agency_acceptance',
	agencyArrival: 'agency_arrival'
} as const;

export function overrideTexts(overrides: ClockOverrides, lang: Lang): string[] {
	const t = translator(lang);
	const out: string[] = [];
	for (const [key, duty] of Object.entries(OVERRIDE_DUTY)) {
		const n = overrides[key as keyof typeof OVERRIDE_DUTY];
		if (n !== undefined) out.push(t('wall.watch.within', { label: t(`wall.duty.${duty}`), n }));
	}
	for (const [level, n] of Object.entries(overrides.progress ?? {}))
		out.push(
			t('wall.watch.every', {
				label:
					lang === 'zh'
						? `${t('wall.duty.progress')}（${levelText(level as Level, lang)}）`
						: `${t('wall.duty.progress')} (${levelText(level as Level, lang)})`,
				n
			})
		);
	if (overrides.zeroReportDueTime)
		out.push(
			t('wall.watch.by', { label: t('wall.duty.zero_report'), time: overrides.zeroReportDueTime })
		);
	return out;
}

/**
 * The zero-report (零报告) check-in grid of each active watch: every designated processor's
 * latest check-in day, missing ones first. A regional wall lists only its own processors.
 */
export function zeroReportGrids(
	picture: Picture,
	now: string,
	lang: Lang,
	scope: WallScope
): ZeroReportGrid[] {
	const t = translator(lang);
	const today = chinaYmd(now);
	return activeWatches(picture, now, scope).map((w) => {
		const latest = new Map<string, ReturnType<typeof zeroReportClocks>[number]>();
		for (const c of zeroReportClocks(w, now)) {
			const prev = latest.get(c.owedBy.orgId!);
			if (!prev || c.date >= prev.date) latest.set(c.owedBy.orgId!, c);
		}
		const inScope = (region: string) =>
			scope.kind === 'national' ||
			scope.regions.includes(region) ||
			provinceOf(region) === scope.code;
		const cells: CheckInCell[] = w.processors
			.filter((p) => p.removedAt === undefined && inScope(p.region))
			.map((p) => {
				const c = latest.get(p.orgId);
				const status: CheckIn = !c
					? 'pending'
					: c.status === 'met'
						? 'reported'
						: c.status === 'missed'
							? c.metAt
								? 'late'
								: 'overdue'
							: c.status === 'overdue'
								? 'overdue'
								: 'pending';
				return {
					orgId: p.orgId,
					name: p.name,
					region: regionText(p.region, lang),
					status,
					label: t(`wall.watch.${status}`),
					at: c?.metAt ? clockText(c.metAt, false) : null
				};
			});
		const order: Record<CheckIn, number> = { overdue: 0, pending: 1, late: 2, reported: 3 };
		cells.sort((a, b) => order[a.status] - order[b.status] || a.orgId.localeCompare(b.orgId));
		const due = zeroReportClocks(w, now).find((c) => c.date === today)?.dueAt;
		return {
			watchId: w.watchId,
			name: w.name,
			heading: t('wall.watch.zeroReport', {
				date: today.slice(5),
				time: due ? clockText(due, false) : '—'
			}),
			missing: cells.filter((c) => c.status === 'overdue').length,
			cells,
			drill: w.drill,
			stricter: overrideTexts(w.clockOverrides, lang)
		};
	});
}

export interface DrillMark {
	id: string;
	name: string;
}

export function drillMarks(picture: Picture): DrillMark[] {
	return runningDrills(picture).flatMap((d) =>
		d.status === 'none' ? [] : [{ id: d.drillId, name: d.name }]
	);
}
