import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
	assertStricter,
	deriveRuleSet,
	evaluate,
	NATIONAL_RULESET_2024 as NATIONAL,
	validateRuleSet,
	type GradingRuleSet,
	type IncidentFacts,
	type RuleSetOverrides
} from './index';

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		throw e;
	}
	return undefined;
}

const shenzhen = (extra: Partial<RuleSetOverrides> = {}): RuleSetOverrides => ({
	id: 'sz-industrial-2025',
	version: '2025-06-01',
	region: '440300',
	validFrom: '2025-05-31T16:00:00.000Z',
	...extra
});

const industrial = (extra: Partial<IncidentFacts> = {}): IncidentFacts => ({
	sector: 'industrial',
	dataGrade: 'general',
	threat: 'minor',
	economicLossYuan: 0,
	personalInfoCount: 0,
	sensitivePersonalInfoCount: 0,
	industrialImpact: 'none',
	...extra
});

describe('validateRuleSet', () => {
	it('accepts the national rule set and survives a JSON round trip', () => {
		const loaded = validateRuleSet(JSON.parse(JSON.stringify(NATIONAL)));
		expect(loaded).toEqual(NATIONAL);
	});

	const broken: [string, (rs: GradingRuleSet) => unknown][] = [
		['duplicate criterion ids', (rs) => ({ ...rs, criteria: [...rs.criteria, rs.criteria[0]] })],
		['unknown region', (rs) => ({ ...rs, region: '999999' })],
		['validFrom without a zone', (rs) => ({ ...rs, validFrom: '2024-11-01T00:00:00' })],
		['no criteria', (rs) => ({ ...rs, criteria: [] })],
		[
			'a less severe level harder to reach than a more severe one',
			(rs) => ({
				...rs,
				criteria: [
					{
						id: 'x',
						kind: 'threshold',
						fact: 'economicLossYuan',
						unit: 'yuan',
						label: { zh: '损失', en: 'loss' },
						min: { major: 100, relatively_large: 200 }
					}
				]
			})
		],
		[
			'an unknown criterion kind',
			(rs) => ({ ...rs, criteria: [{ id: 'x', kind: 'vibes', label: { zh: 'x', en: 'x' } }] })
		],
		[
			'a negative threshold',
			(rs) => ({
				...rs,
				criteria: [
					{
						id: 'x',
						kind: 'threshold',
						fact: 'personalInfoCount',
						unit: 'people',
						label: { zh: 'x', en: 'x' },
						min: { general: -1 }
					}
				]
			})
		]
	];
	it.each(broken)('rejects %s', (_name, mutate) => {
		expect(codeOf(() => validateRuleSet(mutate(NATIONAL)))).toBe('ruleset.invalid');
	});
});

describe('deriveRuleSet', () => {
	it('a stricter local rule set raises the level the national one gives', () => {
		const local = deriveRuleSet(
			NATIONAL,
			shenzhen({ criteria: { 'personal-info': { min: { relatively_large: 500_000 } } } })
		);
		expect(local.basedOn).toBe('miit-214-2024@2024-11-01');
		expect(local.region).toBe('440300');
		const f = industrial({ personalInfoCount: 600_000 });
		expect(evaluate(f, NATIONAL).level).toBe('general');
		const r = evaluate(f, local);
		expect(r.level).toBe('relatively_large');
		expect(r.ruleSetId).toBe('sz-industrial-2025');
		expect(r.ruleSetVersion).toBe('2025-06-01');
	});

	it('merges partial telecom requirements field by field', () => {
		const local = deriveRuleSet(
			NATIONAL,
			shenzhen({
				id: 'gd-telecom',
				region: '440000',
				criteria: {
					'telecom-outage': {
						min: {
							especially_major: { hours: 12 },
							major: { hours: 6 },
							relatively_large: { hours: 4 }
						}
					}
				}
			})
		);
		const f: IncidentFacts = {
			...industrial(),
			sector: 'telecom',
			telecomOutage: { hours: 6, facilityClass: 'important' }
		};
		expect(evaluate(f, NATIONAL).level).toBe('general');
		expect(evaluate(f, local).level).toBe('major');
	});

	it('may add local criteria', () => {
		const local = deriveRuleSet(
			NATIONAL,
			shenzhen({
				addCriteria: [
					{
						id: 'sz-records',
						kind: 'threshold',
						fact: 'sensitivePersonalInfoCount',
						unit: 'people',
						label: { zh: '深圳敏感信息', en: 'Shenzhen sensitive PI' },
						min: { general: 1 }
					}
				]
			})
		);
		expect(
			evaluate(industrial({ sensitivePersonalInfoCount: 1 }), local).fired.map((f) => f.criterionId)
		).toContain('sz-records');
	});

	it('may map a selection to a higher level', () => {
		const local = deriveRuleSet(
			NATIONAL,
			shenzhen({
				criteria: { 'industrial-impact': { options: { minor_damage: 'relatively_large' } } }
			})
		);
		expect(evaluate(industrial({ industrialImpact: 'minor_damage' }), local).level).toBe(
			'relatively_large'
		);
	});

	it.each<[string, RuleSetOverrides['criteria']]>([
		['a raised money threshold', { 'economic-loss': { min: { relatively_large: 60_000_000 } } }],
		[
			'a higher data grade requirement',
			{ 'data-threat': { min: { relatively_large: { dataGrade: 'important' } } } }
		],
		[
			'a worse threat requirement',
			{ 'data-threat': { min: { major: { threat: 'especially_serious' } } } }
		],
		[
			'a selection mapped lower',
			{ 'industrial-impact': { options: { wider_stoppage: 'relatively_large' } } }
		],
		[
			'a more critical facility class',
			{ 'telecom-outage': { min: { relatively_large: { facilityClass: 'important' } } } }
		]
	])('rejects %s as not stricter', (_name, criteria) => {
		expect(codeOf(() => deriveRuleSet(NATIONAL, shenzhen({ criteria })))).toBe(
			'ruleset.not_stricter'
		);
	});

	it('reports which criterion and level are not stricter', () => {
		try {
			deriveRuleSet(
				NATIONAL,
				shenzhen({ criteria: { 'personal-info': { min: { major: 200_000_000 } } } })
			);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(DomainError);
			// Raising II above I is first caught by the schema; raising II within bounds is not stricter.
			expect((e as DomainError).code).toBe('ruleset.invalid');
		}
		try {
			deriveRuleSet(
				NATIONAL,
				shenzhen({ criteria: { 'personal-info': { min: { major: 11_000_000 } } } })
			);
			expect.unreachable();
		} catch (e) {
			expect((e as DomainError).code).toBe('ruleset.not_stricter');
			expect((e as DomainError).details).toMatchObject({
				criterionId: 'personal-info',
				level: 'major'
			});
		}
	});

	it('rejects a rule set that drops a base criterion', () => {
		const dropped: GradingRuleSet = {
			...NATIONAL,
			id: 'local',
			criteria: NATIONAL.criteria.filter((c) => c.id !== 'other-harm')
		};
		expect(codeOf(() => assertStricter(NATIONAL, dropped))).toBe('ruleset.not_stricter');
	});

	it('rejects overrides of unknown criteria, misfit overrides and non-local regions', () => {
		expect(
			codeOf(() => deriveRuleSet(NATIONAL, shenzhen({ criteria: { nope: { min: {} } } })))
		).toBe('ruleset.unknown_criterion');
		expect(
			codeOf(() =>
				deriveRuleSet(NATIONAL, shenzhen({ criteria: { 'economic-loss': { options: {} } } }))
			)
		).toBe('ruleset.invalid_override');
		expect(codeOf(() => deriveRuleSet(NATIONAL, shenzhen({ region: 'national' })))).toBe(
			'ruleset.invalid'
		);
		expect(codeOf(() => deriveRuleSet(NATIONAL, shenzhen({ region: 'XX' })))).toBe(
			'ruleset.invalid'
		);
	});
});
