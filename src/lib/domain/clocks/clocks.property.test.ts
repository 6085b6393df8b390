import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2025_2026 } from '../calendar';
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
