import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, chinaDate, CN_CALENDAR_2025_2026 } from '../calendar';
import { fold, type IncidentEvent } from '../incident';
import { at, play, scriptArb } from '../incident/fixtures';
import { applyOverrides, CAC_2025_PROFILE, MIIT_2024_POLICY } from '../policy';
import { clocks, type Duty } from './clocks';

/**
 * An oracle independent of the clock engine: the instants at which some event could have
 * discharged each duty, read straight off the log.
 */
function fulfilments(events: readonly IncidentEvent[]): Record<Duty, Set<number>> {
	const f = Object.fromEntries(
		(
			[
				'report_local',
				'ministry_phone',
				'ministry_written',
				'leading_group_phone',
				'leading_group_written',
				'progress',
				'processor_summary',
				'regulator_summary',
				'agency_acceptance',
				'agency_arrival'
			] as const
		).map((d) => [d, new Set<number>()])
	) as Record<Duty, Set<number>>;
	for (const e of events) {
		const t = Date.parse(e.data.at);
		switch (e.type) {
			case 'IncidentReportedLocal':
				f.report_local.add(t);
				break;
			case 'LevelChanged':
				if (e.data.role !== 'processor') f.report_local.add(t);
				if (e.data.role === 'ministry') {
					f.ministry_phone.add(t);
					f.ministry_written.add(t);
				}
				break;
			case 'IncidentReportedMinistry':
				f.ministry_phone.add(t);
				if (e.data.channel === 'written') f.ministry_written.add(t);
				break;
			case 'IncidentReportedLeadingGroup':
				f.leading_group_phone.add(t);
				if (e.data.channel === 'written') f.leading_group_written.add(t);
				break;
			case 'ProgressRecorded':
				if (e.data.role === 'processor') f.progress.add(t);
				break;
			case 'SummarySubmitted':
				f.processor_summary.add(t);
				break;
			case 'RegulatorSummarySubmitted':
				f.regulator_summary.add(t);
				break;
		}
	}
	return f;
}

describe('clock properties', () => {
	it('never reports met for a duty not yet fulfilled, at any prefix of the log', () => {
		const seed = Date.now();
		console.log(`clocks property seed: ${seed}`);
		const seen = new Set<string>();
		const policies = [
			MIIT_2024_POLICY,
			CAC_2025_PROFILE,
			applyOverrides(MIIT_2024_POLICY, { ministryPhone: 5, progress: { major: 60 } }, 'watch')
		];
		fc.assert(
			fc.property(
				scriptArb,
				fc.constantFrom(...policies),
				fc.integer({ min: 0, max: 5000 }),
				(script, policy, extra) => {
					const { events } = play(script);
					for (let i = 1; i <= events.length; i++) {
						const prefix = events.slice(0, i);
						const last = prefix[i - 1]!.data.at;
						// Backdated calls (`at`) may precede earlier-recorded events; take the latest.
						const latest = prefix.reduce((m, e) => Math.max(m, Date.parse(e.data.at)), 0);
						const now = i === events.length ? at(extra, new Date(latest).toISOString()) : last;
						if (Date.parse(now) < latest) continue;
						const f = fulfilments(prefix);
						for (const c of clocks(fold(prefix), policy, now, CN_CALENDAR_2025_2026)) {
							const t = (x: string) => Date.parse(x);
							if (c.status === 'met') {
								expect(c.metAt).toBeDefined();
								expect(t(c.metAt!)).toBeLessThanOrEqual(t(c.dueAt));
							}
							if (c.metAt !== undefined) {
								expect(t(c.metAt)).toBeLessThanOrEqual(t(now));
								expect(f[c.duty].has(t(c.metAt))).toBe(true);
							}
							if (c.status === 'overdue') expect(t(now)).toBeGreaterThan(t(c.dueAt));
							if (c.status === 'running' || c.status === 'due_soon') {
								expect(c.metAt).toBeUndefined();
								expect(t(now)).toBeLessThanOrEqual(t(c.dueAt));
							}
							expect(t(c.startedAt)).toBeLessThanOrEqual(t(c.dueAt));
							seen.add(`${c.duty}:${c.status}`);
						}
					}
				}
			),
			{ seed, verbose: true, numRuns: 150 }
		);
		// Guards the generator: the property must have seen clocks met, missed and open.
		for (const k of [
			'report_local:met',
			'progress:met',
			'progress:missed',
			'processor_summary:met'
		])
			expect(seen.has(k), k).toBe(true);
	});
});

/** Moves every ISO instant inside a value by `shiftMs`, so a script can be replayed in any year. */
function shifted<T>(value: T, shiftMs: number): T {
	return JSON.parse(
		JSON.stringify(value).replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g, (_, iso) =>
			JSON.stringify(new Date(Date.parse(iso as string) + shiftMs).toISOString())
		)
	) as T;
}

describe('clocks on any date the product can reach', () => {
	it('never throws from 2024 to 2035, and marks exactly the deadlines past the calendar provisional', () => {
		const seed = Date.now();
		console.log(`clocks date-range property seed: ${seed}`);
		const from = Date.parse('2024-01-01T00:00:00.000Z');
		const to = Date.parse('2035-12-31T00:00:00.000Z');
		let provisional = 0;
		let final = 0;
		fc.assert(
			fc.property(
				scriptArb,
				fc.integer({ min: from, max: to }),
				fc.integer({ min: 0, max: 60 * 24 * 60 }),
				(script, base, later) => {
					const { events } = play(script);
					const moved = shifted(events, base - Date.parse(events[0]!.data.at));
					const latest = moved.reduce((m, e) => Math.max(m, Date.parse(e.data.at)), 0);
					const now = new Date(latest + later * 60_000).toISOString();
					for (const c of clocks(fold(moved), MIIT_2024_POLICY, now, CN_CALENDAR_2025_2026)) {
						// The walk counts from the day after the start to the due day (China dates).
						const walked = [addDuration(c.startedAt, 1440), c.dueAt].map((t) =>
							Number(chinaDate(t).slice(0, 4))
						);
						const inside = walked.every((y) => y === 2025 || y === 2026);
						if (c.provisional) {
							provisional++;
							expect(c.provisional.reason).toBe('calendar_not_covered');
							expect(c.provisional.years.every((y) => y < 2025 || y > 2026)).toBe(true);
							expect(c.duty).toMatch(/summary/);
						} else if (/summary/.test(c.duty) && !inside) {
							expect.unreachable(`${c.duty} ${c.startedAt}→${c.dueAt} should be provisional`);
						} else final++;
						expect(Date.parse(c.dueAt)).toBeGreaterThanOrEqual(Date.parse(c.startedAt));
					}
				}
			),
			{ seed, verbose: true, numRuns: 200 }
		);
		// Guards the generator: both kinds must have been seen.
		expect(provisional).toBeGreaterThan(0);
		expect(final).toBeGreaterThan(0);
	});
});
