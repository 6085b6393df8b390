import type { GradingRuleSet } from './types';

/**
 * Attachment 1 of 《工业和信息化领域数据安全事件应急预案（试行）》 (工信部网安〔2024〕214号),
 * in force 2024-11-01, as data. Lower bounds are inclusive (含); "X小时以上" includes X.
 *
 * Readings where the text is silent (inferred):
 * - data & threat: the grade and threat named for a level are minimums, so core data with a
 *   serious threat is 重大 (the text names only important data) and any data with an especially
 *   serious threat is at least 较大. Without this a worse fact could lower the level.
 * - telecom: facility classes are ordered related < important < important and core, and each
 *   level needs both the hours and a facility at least that critical.
 * - "below those" cells (一般) are the floor every incident has, not criteria of their own,
 *   except where a person selects the 一般 option (minor threat, minor damage, other harm).
 */
export const NATIONAL_RULESET_2024: GradingRuleSet = {
	id: 'miit-214-2024',
	version: '2024-11-01',
	region: 'national',
	validFrom: '2024-10-31T16:00:00.000Z',
	criteria: [
		{
			id: 'data-threat',
			kind: 'data_threat',
			label: { zh: '数据遭破坏并构成威胁', en: 'data compromised, with a threat' },
			min: {
				especially_major: { dataGrade: 'important', threat: 'especially_serious' },
				major: { dataGrade: 'important', threat: 'serious' },
				relatively_large: { dataGrade: 'general', threat: 'relatively_serious' },
				general: { dataGrade: 'general', threat: 'minor' }
			}
		},
		{
			id: 'industrial-impact',
			kind: 'selection',
			sector: 'industrial',
			fact: 'industrialImpact',
			label: { zh: '工业生产影响', en: 'impact on industrial production' },
			options: {
				large_scale_stoppage: 'especially_major',
				wider_stoppage: 'major',
				partial_capacity_loss: 'relatively_large',
				minor_damage: 'general'
			}
		},
		{
			id: 'telecom-outage',
			kind: 'telecom_outage',
			sector: 'telecom',
			label: {
				zh: '网络设施、信息系统中断运行或严重异常',
				en: 'outage or serious abnormality of network facilities or information systems'
			},
			min: {
				especially_major: { hours: 24, facilityClass: 'important_and_core' },
				major: { hours: 12, facilityClass: 'important' },
				relatively_large: { hours: 8, facilityClass: 'related' }
			}
		},
		{
			id: 'radio-interference',
			kind: 'threshold',
			sector: 'radio',
			fact: 'radioInterferenceHours',
			unit: 'hours',
			label: {
				zh: '重要频率受到严重干扰或被非法使用',
				en: 'major interference with, or illegal use of, important frequencies'
			},
			min: { especially_major: 24, major: 12, relatively_large: 8 }
		},
		{
			id: 'economic-loss',
			kind: 'threshold',
			fact: 'economicLossYuan',
			unit: 'yuan',
			label: { zh: '直接经济损失', en: 'direct economic loss' },
			min: { especially_major: 1_000_000_000, major: 100_000_000, relatively_large: 50_000_000 }
		},
		{
			id: 'personal-info',
			kind: 'threshold',
			fact: 'personalInfoCount',
			unit: 'people',
			label: { zh: '个人信息涉及人数', en: 'people whose personal information is involved' },
			min: { especially_major: 100_000_000, major: 10_000_000, relatively_large: 1_000_000 }
		},
		{
			id: 'sensitive-personal-info',
			kind: 'threshold',
			fact: 'sensitivePersonalInfoCount',
			unit: 'people',
			label: {
				zh: '敏感个人信息涉及人数',
				en: 'people whose sensitive personal information is involved'
			},
			min: { especially_major: 10_000_000, major: 1_000_000, relatively_large: 100_000 }
		},
		{
			id: 'other-harm',
			kind: 'selection',
			fact: 'otherHarm',
			label: { zh: '其他危害', en: 'other harm' },
			options: {
				especially_major: 'especially_major',
				major: 'major',
				relatively_large: 'relatively_large',
				general: 'general'
			}
		}
	]
};
