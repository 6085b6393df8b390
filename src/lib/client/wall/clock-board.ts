import { OWED_STATUSES, type Clock, type OwedBy, type OwedStatus } from '$lib/domain/clocks';
import type { Level } from '$lib/domain/levels';
import type { Picture } from '$lib/domain/picture';
import { translator } from '$lib/i18n';
import { durationText, levelText, regionText, sectorText, type Lang } from './format';
import { allClocks } from './model';

export interface ClockRow {
	key: string;
	incidentId: string;
	duty: Clock['duty'];
	dutyLabel: string;
	status: OwedStatus;
	statusLabel: string;
	/** The organisation the incident is about (data text). */
	subject: string;
	region: string;
	level: Level | null;
	levelLabel: string;
	/** Who owes it, in words. */
	party: string;
	dueAt: string;
	leftMs: number;
	leftText: string;
	drill: boolean;
	/** Runs under a watch period's stricter deadline. */
	watchRule: boolean;
	/** Years without an entered holiday notice the deadline was counted through (provisional). */
	provisionalYears?: number[];
}

export interface ClockBoard {
	rows: ClockRow[];
	counts: { overdue: number; dueSoon: number; running: number };
}

/**
 * Every clock still owed, soonest (or most overdue) first. In watch layout, clocks under a watch
 * period's stricter deadlines come first. Computed from deadlines and `now`: the wall ticks by
 * calling this again, never by counting down.
 */
export function clockBoard(
	picture: Picture,
	now: string,
	lang: Lang,
	options: { watchFirst?: boolean } = {}
): ClockBoard {
	const t = translator(lang);
	const nowMs = Date.parse(now);
	const rows: ClockRow[] = allClocks(picture, now)
		.filter((c) => (OWED_STATUSES as readonly string[]).includes(c.status))
		.map((c) => {
			const leftMs = Date.parse(c.dueAt) - nowMs;
			const status = c.status as ClockRow['status'];
			return {
				key: `${c.incident.incidentId}:${c.id}`,
				incidentId: c.incident.incidentId,
				duty: c.duty,
				dutyLabel: t(`wall.duty.${c.duty}`),
				status,
				statusLabel: t(
					status === 'overdue'
						? 'wall.clocks.overdue'
						: status === 'due_soon'
							? 'wall.clocks.dueSoon'
							: 'wall.clocks.running'
				),
				subject: c.incident.report.organisation.name,
				region: regionText(c.incident.region, lang),
				level: c.incident.level,
				levelLabel: levelText(c.incident.level, lang),
				party: partyText(c.owedBy, picture, lang, c.incident.report.organisation.name),
				dueAt: c.dueAt,
				leftMs,
				leftText: durationText(leftMs, lang),
				drill: c.incident.drill,
				watchRule: c.watchRule,
				...(c.provisional ? { provisionalYears: c.provisional.years } : {})
			};
		});
	rows.sort(
		(a, b) =>
			(options.watchFirst ? Number(b.watchRule) - Number(a.watchRule) : 0) ||
			a.leftMs - b.leftMs ||
			a.key.localeCompare(b.key)
	);
	return {
		rows,
		counts: {
			overdue: rows.filter((r) => r.status === 'overdue').length,
			dueSoon: rows.filter((r) => r.status === 'due_soon').length,
			running: rows.filter((r) => r.status === 'running').length
		}
	};
}

/** The party that owes a clock, named: the processor by its name, a regulator by region and sector. */
export function partyText(owedBy: OwedBy, picture: Picture, lang: Lang, orgName?: string): string {
	const t = translator(lang);
	switch (owedBy.party) {
		case 'processor':
			return orgName ?? t('wall.party.processor');
		case 'regulator':
			return owedBy.region && owedBy.sector
				? t('wall.party.regulator', {
						region: regionText(owedBy.region, lang),
						sector: sectorText(owedBy.sector, lang)
					})
				: t('wall.party.regulator', { region: '', sector: '' });
		case 'ministry':
			return t('wall.party.ministry');
		case 'agency': {
			const a = owedBy.agencyId ? picture.agencies[owedBy.agencyId] : undefined;
			return a && a.status === 'registered' ? a.agency.name : t('wall.party.agency');
		}
	}
}
