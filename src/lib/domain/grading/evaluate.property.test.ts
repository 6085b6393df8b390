import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelRank, UNKNOWN } from '../levels';
import {
	deriveRuleSet,
	evaluate,
	FACILITY_CLASSES,
	INDUSTRIAL_IMPACTS,
	NATIONAL_RULESET_2024 as NATIONAL,
	THREATS,
	type IncidentFacts
} from './index';

// Randomised tests print their seed (STYLE.md); rerun a failure with FC_SEED=<seed>.
const seed = Number(process.env.FC_SEED ?? crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1);
console.info(`[grading properties] fast-check seed ${seed}`);
fc.configureGlobal({ seed, numRuns: 300 });

const amount = (bounds: number[]) =>
	fc.oneof(
		fc.constantFrom(...bounds.flatMap((b) => [b - 1, b, b + 1])),
		fc.integer({ min: 0, max: 2_000_000_000 })
	);
const hours = fc.oneof(
	fc.constantFrom(0, 7.5, 8, 11.5, 12, 23.5, 24, 30),
	fc.double({ min: 0, max: 100, noNaN: true })
);

const known = fc.record({
	sector: fc.constantFrom('industrial', 'telecom', 'radio'),
	dataGrade: fc.constantFrom('general', 'important', 'core'),
	threat: fc.constantFrom(...THREATS),
	economicLossYuan: amount([50_000_000, 100_000_000, 1_000_000_000]),
	personalInfoCount: amount([1_000_000, 10_000_000, 100_000_000]),
	sensitivePersonalInfoCount: amount([100_000, 1_000_000, 10_000_000]),
	industrialImpact: fc.constantFrom(...INDUSTRIAL_IMPACTS),
	telecomOutage: fc.record({ hours, facilityClass: fc.constantFrom(...FACILITY_CLASSES) }),
	radioInterferenceHours: hours
}) satisfies fc.Arbitrary<IncidentFacts>;

/** Facts where any field may be 尚不明确, paired with the fully known facts they hide. */
const partial = known.chain((full) =>
	fc
		.record({
			sector: fc.boolean(),
			dataGrade: fc.boolean(),
			threat: fc.boolean(),
			economicLossYuan: fc.boolean(),
			personalInfoCount: fc.boolean(),
			sensitivePersonalInfoCount: fc.boolean(),
			industrialImpact: fc.boolean(),
			telecomHours: fc.boolean(),
			telecomClass: fc.boolean(),
			radioInterferenceHours: fc.boolean()
		})
		.map((hide) => {
			const h = <T>(flag: boolean, v: T) => (flag ? UNKNOWN : v);
			const facts: IncidentFacts = {
				sector: h(hide.sector, full.sector),
				dataGrade: h(hide.dataGrade, full.dataGrade),
				threat: h(hide.threat, full.threat),
				economicLossYuan: h(hide.economicLossYuan, full.economicLossYuan),
				personalInfoCount: h(hide.personalInfoCount, full.personalInfoCount),
				sensitivePersonalInfoCount: h(
					hide.sensitivePersonalInfoCount,
					full.sensitivePersonalInfoCount
				),
				industrialImpact: h(hide.industrialImpact, full.industrialImpact),
				telecomOutage: {
					hours: h(hide.telecomHours, full.telecomOutage.hours),
					facilityClass: h(hide.telecomClass, full.telecomOutage.facilityClass)
				},
				radioInterferenceHours: h(hide.radioInterferenceHours, full.radioInterferenceHours)
			};
			return { full: full as IncidentFacts, facts };
		})
);

const rank = (f: IncidentFacts) => levelRank(evaluate(f, NATIONAL).level);

describe('grading properties', () => {
	it('increasing any numeric fact never lowers the level', () => {
		fc.assert(
			fc.property(
				known,
				fc.constantFrom(
					'economicLossYuan',
					'personalInfoCount',
					'sensitivePersonalInfoCount',
					'radioInterferenceHours',
					'telecomOutage.hours'
				),
				fc.integer({ min: 0, max: 1_000_000_000 }),
				(f, fact, delta) => {
					const before = f as IncidentFacts;
					const after: IncidentFacts =
						fact === 'telecomOutage.hours'
							? {
									...before,
									telecomOutage: { ...f.telecomOutage, hours: f.telecomOutage.hours + (delta % 50) }
								}
							: fact === 'radioInterferenceHours'
								? { ...before, radioInterferenceHours: f.radioInterferenceHours + (delta % 50) }
								: { ...before, [fact]: (f[fact] as number) + delta };
					expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
				}
			)
		);
	});

	it('learning the unknown facts lands between level and couldRaiseTo', () => {
		fc.assert(
			fc.property(partial, ({ full, facts }) => {
				const r = evaluate(facts, NATIONAL);
				const ceiling = levelRank(r.couldRaiseTo ?? r.level);
				expect(rank(full)).toBeGreaterThanOrEqual(levelRank(r.level));
				expect(rank(full)).toBeLessThanOrEqual(ceiling);
			})
		);
	});

	it('a derived rule set never grades lower than its base', () => {
		const local = deriveRuleSet(NATIONAL, {
			id: 'local',
			version: '1',
			region: '310000',
			validFrom: '2025-01-01T00:00:00.000Z',
			criteria: {
				'economic-loss': { min: { relatively_large: 10_000_000, major: 50_000_000 } },
				'data-threat': { min: { major: { threat: 'relatively_serious' } } },
				'telecom-outage': { min: { relatively_large: { hours: 2 } } }
			}
		});
		fc.assert(
			fc.property(partial, ({ facts }) => {
				expect(levelRank(evaluate(facts, local).level)).toBeGreaterThanOrEqual(
					levelRank(evaluate(facts, NATIONAL).level)
				);
			})
		);
	});
});
