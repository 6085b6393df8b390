import { describe, expect, it } from 'vitest';
import { evaluate, NATIONAL_RULESET_2024 } from '$lib/domain/grading';
import type { FormFields } from './fields';
import { fieldOfPath, intakeFacts, intakeGradeBody, intakeReportBody } from './intake-model';

const base: FormFields = {
	unitName: '某公司',
	unitContact: '张三',
	unitMobile: '13800000000',
	discoveredAt: '2026-11-20T10:05',
	region: '440300',
	sector: 'industrial',
	dataGrade: 'important',
	threat: 'serious'
};

describe('intake form model', () => {
	it('grades from the facts as typed; unclear facts never raise the level', () => {
		expect(evaluate(intakeFacts(base), NATIONAL_RULESET_2024).level).toBe('major');
		expect(evaluate(intakeFacts({ ...base, threat: 'unknown' }), NATIONAL_RULESET_2024).level).toBe(
			'general'
		);
		// A half-typed number is 尚不明确 for the live explainer, not an error.
		expect(intakeFacts({ ...base, economicLossYuan: '12a' }).economicLossYuan).toBe('unknown');
		expect(intakeFacts({ ...base, economicLossYuan: '2,000,000,000' }).economicLossYuan).toBe(
			2_000_000_000
		);
	});

	it('says 尚不明确 explicitly where the box is ticked, whatever the input holds', () => {
		const body = intakeReportBody({
			...base,
			occurredAt: '2026-11-20T09:30',
			occurredAtUnknown: 'on',
			cause: 'typed then withdrawn',
			causeUnknown: 'on',
			piMode: 'unknown'
		}) as { report: Record<string, unknown> & { data: Record<string, unknown> } };
		expect(body.report.occurredAt).toBe('unknown');
		expect(body.report.cause).toBe('unknown');
		expect(body.report.data.personalInfo).toBe('unknown');
		// China time to the minute, stored as UTC.
		expect(body.report.discoveredAt).toBe('2026-11-20T02:05:00.000Z');
	});

	it('keeps bad numbers for the server to refuse, and maps schema paths to form fields', () => {
		const grade = intakeGradeBody({ ...base, economicLossYuan: '12a' }) as {
			facts: { economicLossYuan: unknown };
		};
		expect(Number.isNaN(grade.facts.economicLossYuan)).toBe(true);
		expect(fieldOfPath('report.reportingUnit.mobile')).toBe('unitMobile');
		expect(fieldOfPath('report.howLearned.url')).toBe('howLearned');
		expect(fieldOfPath('facts.economicLossYuan')).toBe('economicLossYuan');
		expect(fieldOfPath('something.else')).toBe('_');
	});
});
