import { describe, expect, it } from 'vitest';
import {
	applyOverrides,
	CAC_2025_PROFILE,
	clockOverridesSchema,
	MIIT_2024_POLICY,
	policySchema,
	strictestOverrides
} from './policy';

describe('policies as data', () => {
	it('both shipped policies pass the schema and survive JSON', () => {
		for (const p of [MIIT_2024_POLICY, CAC_2025_PROFILE]) {
			expect(policySchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
		}
	});

	it('carries every deadline of the plan, marking our inferences', () => {
		const d = MIIT_2024_POLICY.deadlines;
		expect(d.reportLocal).toMatchObject({
			within: { unit: 'minutes', amount: 60 },
			inferred: true
		});
		expect(d.ministryPhone?.within.amount).toBe(10);
		expect(d.ministryWritten?.within.amount).toBe(30);
		expect(d.leadingGroupPhone?.within.amount).toBe(20);
		expect(d.leadingGroupWritten?.within.amount).toBe(40);
		expect(d.progress.intervalMinutes).toEqual({
			especially_major: 120,
			major: 120,
			relatively_large: 1440,
			general: null
		});
		expect(d.processorSummary?.within).toEqual({ unit: 'working_days', amount: 5 });
		expect(d.regulatorSummary?.within).toEqual({ unit: 'working_days', amount: 10 });
		expect(d.agencyAcceptance).toMatchObject({ minutes: 30, inferred: true });
		expect(d.agencyArrival).toMatchObject({ minutes: 240, inferred: true });
		expect(d.zeroReport.dueTime).toBe('10:00');
		expect(MIIT_2024_POLICY.dueSoon).toEqual({ fraction: 0.2, minutes: 10 });
	});

	it('refuses malformed policy JSON', () => {
		const bad = JSON.parse(JSON.stringify(MIIT_2024_POLICY));
		bad.deadlines.ministryPhone.within.amount = -10;
		expect(policySchema.safeParse(bad).success).toBe(false);
		bad.deadlines.ministryPhone.within.amount = 10;
		bad.deadlines.zeroReport.dueTime = '25:00';
		expect(policySchema.safeParse(bad).success).toBe(false);
	});
});

describe('applyOverrides (watch periods)', () => {
	it('given stricter overrides, then deadlines shorten and the version is tagged', () => {
		const p = applyOverrides(
			MIIT_2024_POLICY,
			{
				reportLocal: 30,
				progress: { major: 60, general: 60 },
				zeroReportDueTime: '09:00',
				agencyArrival: 120
			},
			'watch:w1'
		);
		expect(p.version).toBe('2024.1+watch:w1');
		expect(p.deadlines.reportLocal.within).toEqual({ unit: 'minutes', amount: 30 });
		expect(p.deadlines.progress.intervalMinutes.major).toBe(60);
		// An override never creates a duty the policy does not have.
		expect(p.deadlines.progress.intervalMinutes.general).toBeNull();
		expect(p.deadlines.zeroReport.dueTime).toBe('09:00');
		expect(p.deadlines.agencyArrival.minutes).toBe(120);
		expect(MIIT_2024_POLICY.deadlines.reportLocal.within.amount).toBe(60);
	});

	it('given looser overrides, then nothing is relaxed', () => {
		const p = applyOverrides(MIIT_2024_POLICY, {
			ministryPhone: 60,
			zeroReportDueTime: '11:00',
			agencyAcceptance: 90
		});
		expect(p.deadlines.ministryPhone?.within.amount).toBe(10);
		expect(p.deadlines.zeroReport.dueTime).toBe('10:00');
		expect(p.deadlines.agencyAcceptance.minutes).toBe(30);
	});

	it('caps the CII span too, and leaves absent duties absent', () => {
		const p = applyOverrides(CAC_2025_PROFILE, { reportLocal: 45, ministryWritten: 5 });
		expect(p.deadlines.reportLocal.within.amount).toBe(45);
		expect(p.deadlines.reportLocal.withinForCii?.amount).toBe(45);
		expect(p.deadlines.ministryWritten).toBeNull();
	});

	it('returns the policy unchanged without overrides', () => {
		expect(applyOverrides(MIIT_2024_POLICY, {})).toBe(MIIT_2024_POLICY);
	});

	it('merges overlapping watches keeping the strictest of each', () => {
		expect(
			strictestOverrides([
				{ ministryPhone: 8, progress: { major: 90 }, zeroReportDueTime: '09:30' },
				{
					ministryPhone: 5,
					reportLocal: 40,
					progress: { major: 100, especially_major: 60 },
					zeroReportDueTime: '10:00'
				}
			])
		).toEqual({
			ministryPhone: 5,
			reportLocal: 40,
			progress: { major: 90, especially_major: 60 },
			zeroReportDueTime: '09:30'
		});
		expect(clockOverridesSchema.safeParse({ progress: { major: 0 } }).success).toBe(false);
	});
});
