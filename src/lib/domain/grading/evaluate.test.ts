import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { SECTORS, UNKNOWN, type Level, type Sector } from '../levels';
import {
	evaluate,
	NATIONAL_RULESET_2024 as NATIONAL,
	type FacilityClass,
	type IncidentFacts
} from './index';

/** Everything known and harmless for the sector: grades 一般 with the data-threat floor firing. */
function facts(sector: Sector, extra: Partial<IncidentFacts> = {}): IncidentFacts {
	const bySector: Record<Sector, Partial<IncidentFacts>> = {
		industrial: { industrialImpact: 'none' },
		telecom: { telecomOutage: { hours: 0, facilityClass: 'related' } },
		radio: { radioInterferenceHours: 0 }
	};
	return {
		sector,
		dataGrade: 'general',
		threat: 'minor',
		economicLossYuan: 0,
		personalInfoCount: 0,
		sensitivePersonalInfoCount: 0,
		...bySector[sector],
		...extra
	};
}

const level = (f: IncidentFacts) => evaluate(f, NATIONAL).level;

describe('numeric thresholds at every boundary, in every sector', () => {
	const table: [keyof IncidentFacts, number, Level, Level][] = [
		// fact, bound, level below the bound, level at and above it
		['economicLossYuan', 50_000_000, 'general', 'relatively_large'],
		['economicLossYuan', 100_000_000, 'relatively_large', 'major'],
		['economicLossYuan', 1_000_000_000, 'major', 'especially_major'],
		['personalInfoCount', 1_000_000, 'general', 'relatively_large'],
		['personalInfoCount', 10_000_000, 'relatively_large', 'major'],
		['personalInfoCount', 100_000_000, 'major', 'especially_major'],
		['sensitivePersonalInfoCount', 100_000, 'general', 'relatively_large'],
		['sensitivePersonalInfoCount', 1_000_000, 'relatively_large', 'major'],
		['sensitivePersonalInfoCount', 10_000_000, 'major', 'especially_major']
	];
	const cases = SECTORS.flatMap((sector) =>
		table.flatMap(([fact, bound, below, atOrAbove]) => [
			[sector, fact, bound - 1, below] as const,
			[sector, fact, bound, atOrAbove] as const,
			[sector, fact, bound + 1, atOrAbove] as const
		])
	);
	it.each(cases)('%s: %s = %i → %s', (sector, fact, value, expected) => {
		expect(level(facts(sector, { [fact]: value }))).toBe(expected);
	});
});

describe('telecom outage: hours × facility class', () => {
	const rows: [FacilityClass, number, Level][] = [
		['important_and_core', 7.5, 'general'],
		['important_and_core', 8, 'relatively_large'],
		['important_and_core', 8.5, 'relatively_large'],
		['important_and_core', 11.5, 'relatively_large'],
		['important_and_core', 12, 'major'],
		['important_and_core', 12.5, 'major'],
		['important_and_core', 23.5, 'major'],
		['important_and_core', 24, 'especially_major'],
		['important_and_core', 24.5, 'especially_major'],
		['important', 7.5, 'general'],
		['important', 8, 'relatively_large'],
		['important', 11.5, 'relatively_large'],
		['important', 12, 'major'],
		['important', 48, 'major'],
		['related', 7.5, 'general'],
		['related', 8, 'relatively_large'],
		['related', 12, 'relatively_large'],
		['related', 48, 'relatively_large']
	];
	it.each(rows)('%s facilities down %s h → %s', (facilityClass, hours, expected) => {
		expect(level(facts('telecom', { telecomOutage: { hours, facilityClass } }))).toBe(expected);
	});
});

describe('radio interference hours', () => {
	it.each([
		[7.5, 'general'],
		[8, 'relatively_large'],
		[8.5, 'relatively_large'],
		[11.5, 'relatively_large'],
		[12, 'major'],
		[12.5, 'major'],
		[23.5, 'major'],
		[24, 'especially_major'],
		[24.5, 'especially_major']
	] as const)('%s h → %s', (hours, expected) => {
		expect(level(facts('radio', { radioInterferenceHours: hours }))).toBe(expected);
	});
});

describe('industrial production impact', () => {
	it.each([
		['none', 'general'],
		['minor_damage', 'general'],
		['partial_capacity_loss', 'relatively_large'],
		['wider_stoppage', 'major'],
		['large_scale_stoppage', 'especially_major']
	] as const)('%s → %s', (industrialImpact, expected) => {
		expect(level(facts('industrial', { industrialImpact }))).toBe(expected);
	});
});

describe('data grade × threat', () => {
	it.each([
		['general', 'minor', 'general'],
		['general', 'relatively_serious', 'relatively_large'],
		['general', 'serious', 'relatively_large'],
		['general', 'especially_serious', 'relatively_large'],
		['important', 'minor', 'general'],
		['important', 'relatively_serious', 'relatively_large'],
		['important', 'serious', 'major'],
		['important', 'especially_serious', 'especially_major'],
		['core', 'minor', 'general'],
		['core', 'relatively_serious', 'relatively_large'],
		['core', 'serious', 'major'],
		['core', 'especially_serious', 'especially_major']
	] as const)('%s data, %s threat → %s', (dataGrade, threat, expected) => {
		expect(level(facts('industrial', { dataGrade, threat }))).toBe(expected);
	});
});

describe('sector-specific criteria apply only to their sector', () => {
	it('ignores an industrial stoppage reported on a telecom incident', () => {
		const f = facts('telecom', { industrialImpact: 'large_scale_stoppage' });
		expect(level(f)).toBe('general');
	});

	it('ignores a telecom outage reported on a radio incident', () => {
		const f = facts('radio', { telecomOutage: { hours: 48, facilityClass: 'important_and_core' } });
		expect(level(f)).toBe('general');
	});

	it('ignores radio interference hours on an industrial incident', () => {
		expect(level(facts('industrial', { radioInterferenceHours: 48 }))).toBe('general');
	});
});

describe('multiple criteria', () => {
	const f = facts('industrial', {
		economicLossYuan: 200_000_000,
		personalInfoCount: 2_000_000,
		sensitivePersonalInfoCount: 20_000_000
	});
	const result = evaluate(f, NATIONAL);

	it('takes the highest level any criterion reaches', () => {
		expect(result.level).toBe('especially_major');
		expect(result.couldRaiseTo).toBeNull();
		expect(result.unknownsThatCouldRaise).toEqual([]);
	});

	it('lists every fired criterion, most severe first, with its level and facts', () => {
		expect(result.fired.map((x) => [x.criterionId, x.level])).toEqual([
			['sensitive-personal-info', 'especially_major'],
			['economic-loss', 'major'],
			['personal-info', 'relatively_large'],
			['data-threat', 'general']
		]);
		expect(result.fired[1]?.facts).toEqual({ economicLossYuan: 200_000_000 });
	});

	it('explains each fired criterion in Chinese and English', () => {
		expect(result.ruleSetId).toBe('miit-214-2024');
		expect(result.ruleSetVersion).toBe('2024-11-01');
		expect(result.fired[1]?.explanation).toEqual({
			zh: '直接经济损失：2亿元（不低于1亿元）→ 重大',
			en: 'direct economic loss: 200,000,000 yuan (at least 100,000,000) → Major'
		});
		expect(result.explanation.zh).toContain('定级为特别重大');
		expect(result.explanation.zh).toContain(
			'敏感个人信息涉及人数：2000万人（不低于1000万人）→ 特别重大'
		);
		expect(result.explanation.zh).toContain('个人信息涉及人数：200万人（不低于100万人）→ 较大');
		expect(result.explanation.en).toContain('Graded Especially major under rule set miit-214-2024');
		expect(result.explanation.en).not.toContain('not yet clear');
	});
});

describe('尚不明确 (unknown facts)', () => {
	it('with nothing known, grades 一般 and lists every fact that could raise it', () => {
		const r = evaluate(
			{
				sector: UNKNOWN,
				dataGrade: UNKNOWN,
				threat: UNKNOWN,
				economicLossYuan: UNKNOWN,
				personalInfoCount: UNKNOWN,
				sensitivePersonalInfoCount: UNKNOWN
			},
			NATIONAL
		);
		expect(r.level).toBe('general');
		expect(r.fired).toEqual([]);
		expect(r.couldRaiseTo).toBe('especially_major');
		expect(r.unknownsThatCouldRaise.map((u) => u.fact).sort()).toEqual(
			[
				'sector',
				'dataGrade',
				'threat',
				'economicLossYuan',
				'personalInfoCount',
				'sensitivePersonalInfoCount',
				'industrialImpact',
				'telecomOutage.hours',
				'telecomOutage.facilityClass',
				'radioInterferenceHours'
			].sort()
		);
		expect(r.unknownsThatCouldRaise.every((u) => u.upTo === 'especially_major')).toBe(true);
		expect(r.explanation.zh).toContain('未触发任何判定条件');
		expect(r.explanation.zh).toContain('尚不明确的事实可能使级别升至特别重大');
	});

	it('grades on the known facts and names the unknown one that could raise it', () => {
		const r = evaluate(
			facts('industrial', { personalInfoCount: 10_000_000, economicLossYuan: UNKNOWN }),
			NATIONAL
		);
		expect(r.level).toBe('major');
		expect(r.couldRaiseTo).toBe('especially_major');
		expect(r.unknownsThatCouldRaise).toEqual([
			{ fact: 'economicLossYuan', upTo: 'especially_major' }
		]);
		expect(r.explanation.en).toContain('direct economic loss (up to Especially major)');
	});

	it('an unknown data grade with an especially serious threat guarantees only 较大', () => {
		const r = evaluate(
			facts('industrial', { dataGrade: UNKNOWN, threat: 'especially_serious' }),
			NATIONAL
		);
		expect(r.level).toBe('relatively_large');
		expect(r.fired[0]?.explanation.zh).toBe(
			'数据遭破坏并构成威胁：尚不明确，特别严重威胁（要求一般数据及以上，较严重威胁及以上）→ 至少较大'
		);
		expect(r.unknownsThatCouldRaise).toEqual([{ fact: 'dataGrade', upTo: 'especially_major' }]);
	});

	it('does not list an unknown that cannot change the outcome', () => {
		const r = evaluate(facts('industrial', { dataGrade: UNKNOWN, threat: 'minor' }), NATIONAL);
		expect(r.couldRaiseTo).toBeNull();
		expect(r.unknownsThatCouldRaise).toEqual([]);
	});

	it('treats an omitted sector-specific fact as unknown, only for that sector', () => {
		const f = facts('telecom');
		delete f.telecomOutage;
		const r = evaluate(
			{ ...f, industrialImpact: UNKNOWN, radioInterferenceHours: UNKNOWN },
			NATIONAL
		);
		expect(r.unknownsThatCouldRaise).toEqual([
			{ fact: 'telecomOutage.hours', upTo: 'especially_major' },
			{ fact: 'telecomOutage.facilityClass', upTo: 'especially_major' }
		]);
	});

	it('a long outage on facilities of unknown class guarantees 较大', () => {
		const r = evaluate(
			facts('telecom', { telecomOutage: { hours: 30, facilityClass: UNKNOWN } }),
			NATIONAL
		);
		expect(r.level).toBe('relatively_large');
		expect(r.unknownsThatCouldRaise).toEqual([
			{ fact: 'telecomOutage.facilityClass', upTo: 'especially_major' }
		]);
	});

	it('an unknown sector holds back sector-specific criteria but says they could apply', () => {
		const r = evaluate(
			{ ...facts('industrial', { industrialImpact: 'large_scale_stoppage' }), sector: UNKNOWN },
			NATIONAL
		);
		expect(r.level).toBe('general');
		expect(r.unknownsThatCouldRaise).toContainEqual({ fact: 'sector', upTo: 'especially_major' });
		expect(r.unknownsThatCouldRaise.map((u) => u.fact)).not.toContain('industrialImpact');
	});

	it('the catch-all: a person may assert other harm, or say it is unclear', () => {
		expect(level(facts('radio', { otherHarm: 'major' }))).toBe('major');
		const r = evaluate(facts('radio', { otherHarm: UNKNOWN }), NATIONAL);
		expect(r.level).toBe('general');
		expect(r.unknownsThatCouldRaise).toEqual([{ fact: 'otherHarm', upTo: 'especially_major' }]);
	});
});

describe('invalid facts', () => {
	it.each([
		['negative count', { personalInfoCount: -1 }, 'personalInfoCount'],
		['fractional yuan', { economicLossYuan: 10.5 }, 'economicLossYuan'],
		['unknown sector value', { sector: 'finance' }, 'sector'],
		['negative hours', { radioInterferenceHours: -2 }, 'radioInterferenceHours'],
		['unexpected key', { loss: 5 }, '']
	])('rejects %s', (_name, extra, field) => {
		const f = { ...facts('radio'), ...extra } as unknown as IncidentFacts;
		try {
			evaluate(f, NATIONAL);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(DomainError);
			expect((e as DomainError).code).toBe('grading.invalid_facts');
			expect((e as DomainError).field).toBe(field);
		}
	});
});
