import type { FacilityClass, FactKey, IndustrialImpact, Label, Threat } from './types';

export const THREAT_LABEL: Record<Threat, Label> = {
	especially_serious: { zh: '特别严重威胁', en: 'especially serious threat' },
	serious: { zh: '严重威胁', en: 'serious threat' },
	relatively_serious: { zh: '较严重威胁', en: 'relatively serious threat' },
	minor: { zh: '一般威胁', en: 'minor threat' }
};

export const INDUSTRIAL_IMPACT_LABEL: Record<IndustrialImpact, Label> = {
	large_scale_stoppage: {
		zh: '大面积停工停产、生产能力大量丧失',
		en: 'large-scale production stoppage, large loss of capacity'
	},
	wider_stoppage: {
		zh: '较大范围停工停产、生产能力较大丧失',
		en: 'wider production stoppage, major loss of capacity'
	},
	partial_capacity_loss: { zh: '部分生产能力丧失', en: 'partial loss of processing capacity' },
	minor_damage: { zh: '轻微损害', en: 'minor damage' },
	none: { zh: '无生产影响', en: 'no production impact' }
};

export const FACILITY_CLASS_LABEL: Record<FacilityClass, Label> = {
	important_and_core: { zh: '重要及核心网络设施、信息系统', en: 'important and core facilities' },
	important: { zh: '重要网络设施、信息系统', en: 'important facilities' },
	related: { zh: '相关网络设施、信息系统', en: 'related facilities' }
};

/** Names of facts as shown in explanations and in the "尚不明确" list. */
export const FACT_LABEL: Record<FactKey, Label> = {
	sector: { zh: '所属领域', en: 'sector' },
	dataGrade: { zh: '数据级别', en: 'data grade' },
	threat: { zh: '威胁程度', en: 'threat' },
	economicLossYuan: { zh: '直接经济损失', en: 'direct economic loss' },
	personalInfoCount: {
		zh: '涉及个人信息人数',
		en: 'people whose personal information is involved'
	},
	sensitivePersonalInfoCount: {
		zh: '涉及敏感个人信息人数',
		en: 'people whose sensitive personal information is involved'
	},
	industrialImpact: { zh: '对工业生产的影响', en: 'impact on industrial production' },
	'telecomOutage.hours': { zh: '网络设施中断时长', en: 'telecom outage duration' },
	'telecomOutage.facilityClass': { zh: '中断设施类别', en: 'class of facilities down' },
	radioInterferenceHours: { zh: '无线电干扰时长', en: 'radio interference duration' },
	otherHarm: { zh: '其他危害', en: 'other harm' }
};
