import type { Actor } from '../actor';
import type { Capability } from '../agency';
import type { IncidentFacts } from '../grading';
import type { IncidentReportForm, SummaryReport } from '../incident';
import { atLeast, type Level, type Sector } from '../levels';
import { regulatorRegion } from '../regions';
import { DEMO_AGENCIES } from './agencies';
import {
	agencyActor,
	chance,
	grade,
	HOUR_MS,
	int,
	minuteIso,
	MINUTE_MS,
	ministryActor,
	pick,
	processorActor,
	regulatorActor,
	zhCount,
	type Org,
	type Rng
} from './kit';
import { contactPerson, fakeMobile, placeName, SECTOR_ZH } from './places';
import type { Inject, ScenarioAggregate } from './types';

/**
 * A story is one incident's life as a timed list of steps at absolute instants. The demo day and
 * the drill scripts are made of stories; a story may run past midnight, and the day that plays
 * a step is simply the day its instant falls in.
 */
export interface Step {
	atMs: number;
	aggregate: ScenarioAggregate;
	id: string;
	command: Inject['command'];
	actor: Actor;
	label: string;
	/** Stable idempotency key suffix: replays (restarts, overlapping days) never apply it twice. */
	key: string;
}

export class Story {
	readonly steps: Step[] = [];
	private n = 0;
	constructor(readonly id: string) {}

	add(
		atMs: number,
		aggregate: ScenarioAggregate,
		id: string,
		command: Inject['command'],
		actor: Actor,
		label: string,
		key = `${this.id}:${this.n}`
	): void {
		this.n++;
		this.steps.push({ atMs, aggregate, id, command, actor, label, key });
	}
}

/**
 * Tracks agency assignments over time so a story never assigns an agency beyond its capacity:
 * the scripted world is consistent, so the demo plays without refusals.
 */
export class AgencyBook {
	private readonly busy = new Map<string, { from: number; to: number }[]>();

	free(agencyId: string, from: number, to: number): boolean {
		const agency = DEMO_AGENCIES.find((a) => a.id === agencyId);
		if (!agency) return false;
		const overlapping = (this.busy.get(agencyId) ?? []).filter((b) => b.from < to && from < b.to);
		// Conservative: count every overlapping interval as concurrent.
		return overlapping.length < agency.capacity;
	}

	book(agencyId: string, from: number, to: number): void {
		const list = this.busy.get(agencyId) ?? [];
		list.push({ from, to });
		this.busy.set(agencyId, list);
	}

	/** An agency able to take the job for the whole interval: local ones first for III/IV. */
	choose(
		rng: Rng,
		region: string,
		capability: Capability,
		tier: 'local' | 'ministry',
		from: number,
		to: number
	): string | undefined {
		const province = regulatorRegion(region, 'telecom') ?? region;
		const candidates = DEMO_AGENCIES.filter(
			(a) =>
				a.tier === tier &&
				a.capabilities.includes(capability) &&
				(tier === 'ministry' ||
					a.regionsServed.includes(region) ||
					a.regionsServed.includes(province)) &&
				this.free(a.id, from, to)
		);
		if (candidates.length === 0) return undefined;
		const id = pick(rng, candidates).id;
		this.book(id, from, to);
		return id;
	}
}

const SYSTEMS: Record<Sector, readonly string[]> = {
	industrial: [
		'MES 生产执行系统',
		'ERP 系统',
		'PLM 研发设计平台',
		'SCADA 监控系统',
		'工业互联网平台'
	],
	telecom: [
		'用户信息管理系统',
		'BSS 业务支撑系统',
		'云主机管理平台',
		'CDN 调度系统',
		'客服工单系统'
	],
	radio: ['频谱监测系统', '卫星地面站管控系统', '导航增强服务平台', '台站数据库']
};

const CAUSES = [
	'勒索软件加密业务服务器',
	'外包运维账号弱口令被利用',
	'对象存储桶配置错误导致数据公开暴露',
	'内部人员违规导出数据',
	'供应链软件漏洞被利用',
	'API 接口越权访问',
	'钓鱼邮件导致员工账号失陷',
	'数据库备份文件在代码托管平台泄露'
];

const DISCOVERY = [
	{ kind: 'own_monitoring' as const },
	{ kind: 'own_monitoring' as const },
	{ kind: 'public_posting' as const, url: 'https://forum.example.cn/t/000000' },
	{ kind: 'third_party' as const, reporter: '网络安全威胁和漏洞信息共享平台' }
];

const DATA_TYPES = ['rnd', 'production', 'management', 'operations', 'service'] as const;

/** Facts that grade at `level`, drawn around the attachment-1 thresholds. */
export function factsFor(rng: Rng, level: Level, sector: Sector): IncidentFacts {
	const base: IncidentFacts = {
		sector,
		dataGrade: 'general',
		threat: 'minor',
		economicLossYuan: int(rng, 10, 900) * 10_000,
		personalInfoCount: int(rng, 0, 800) * 1_000,
		sensitivePersonalInfoCount: int(rng, 0, 50) * 1_000
	};
	switch (level) {
		case 'general':
			return base;
		case 'relatively_large':
			return chance(rng, 0.5)
				? { ...base, personalInfoCount: int(rng, 100, 990) * 10_000 }
				: {
						...base,
						dataGrade: 'important',
						threat: 'relatively_serious',
						sensitivePersonalInfoCount: int(rng, 10, 99) * 10_000
					};
		case 'major':
			return chance(rng, 0.5)
				? { ...base, personalInfoCount: int(rng, 1_000, 9_900) * 10_000, dataGrade: 'important' }
				: { ...base, dataGrade: 'important', threat: 'serious' };
		case 'especially_major':
			return sector === 'telecom'
				? {
						...base,
						dataGrade: 'core',
						threat: 'serious',
						telecomOutage: { hours: int(rng, 24, 40), facilityClass: 'important_and_core' }
					}
				: {
						...base,
						dataGrade: 'core',
						threat: 'especially_serious',
						personalInfoCount: int(rng, 10_000, 30_000) * 10_000
					};
	}
}

export interface IncidentStoryInput {
	id: string;
	org: Org;
	sector: Sector;
	/** When the processor discovered it (epoch ms). */
	discoveredMs: number;
	/** Level the processor's facts support. */
	level: Level;
	/** Regulator regrades by one step (with a reason) after verification. */
	regrade?: 'up' | 'down';
	/** The ministry misses its 10-minute phone window (shows a missed clock). */
	latePhone?: boolean;
	drill?: boolean;
	/** Actor id prefix, so drill actors are recognisable. */
	actorPrefix?: string;
	/** Warning that announced this risk, linked by the issuer. */
	warning?: { id: string; issuer: Actor };
	/** Where the story must have released every agency (end of the day it started). */
	releaseBy: number;
	/** Length of the response in hours, [min, max]. Default 6–20 h for 重大+, 3–10 h below. */
	responseHours?: readonly [number, number];
	/** Play the summaries and closing of 重大+ incidents (default true; drills stop earlier). */
	summaries?: boolean;
}

const summaryOf = (org: Org, facts: string): SummaryReport => ({
	filingUnit: org.name,
	basicFacts: {
		cause: '见事件报告',
		course: '发现后立即隔离受影响系统，开展取证与溯源，恢复业务',
		authenticity: '经核实属实',
		responsibility: '运维安全管理责任落实不到位',
		impactAndLoss: facts
	},
	measures: {
		management: '修订数据安全管理制度与外包人员管理办法',
		technical: '全面启用多因素认证，收敛暴露面，加强数据防泄漏监测',
		personnel: '开展全员数据安全培训',
		emergency: '隔离、取证、恢复、持续监测',
		userNotice: '已按规定告知受影响用户'
	},
	improvementPlan: '三个月内完成整改并复查',
	lessonsLearned: '加强常态化监测与应急演练',
	otherMatters: '无',
	evidence: ['日志摘录', '取证报告']
});

const LEVEL_ZH: Record<Level, string> = {
	general: '一般',
	relatively_large: '较大',
	major: '重大',
	especially_major: '特别重大'
};

const step = (l: Level, dir: 'up' | 'down'): Level => {
	const order: Level[] = ['general', 'relatively_large', 'major', 'especially_major'];
	const i = order.indexOf(l) + (dir === 'up' ? 1 : -1);
	return order[Math.max(0, Math.min(order.length - 1, i))] as Level;
};

/**
 * One incident through the plan: report and self-grade by the processor, the regulator's
 * confirmation (sometimes a regrade with its reason), escalation to the ministry and the
 * leading group for 重大+, a response at the graded level, support agencies assigned and
 * accepting, progress reports, the end of response and, for 重大+, both summary reports.
 */
export function incidentStory(rng: Rng, input: IncidentStoryInput, book: AgencyBook): Story {
	const s = new Story(input.id);
	const { org, sector, id } = input;
	const drill = input.drill ?? false;
	const prefix = input.actorPrefix ?? '';
	const proc = processorActor(org, prefix);
	const regRegion = regulatorRegion(org.region, sector);
	if (!regRegion) throw new Error(`no ${sector} regulator for ${org.region}`);
	const reg = regulatorActor(regRegion, sector, prefix);
	const ministry = ministryActor(`${prefix}min-duty`);
	const t0 = input.discoveredMs;
	const m = (minutes: number) => t0 + minutes * MINUTE_MS;

	const facts = factsFor(rng, input.level, sector);
	const g = grade(facts);
	const level = g.level;
	const pi = facts.personalInfoCount === 'unknown' ? 0 : facts.personalInfoCount;
	const spi = facts.sensitivePersonalInfoCount === 'unknown' ? 0 : facts.sensitivePersonalInfoCount;
	const cause = pick(rng, CAUSES);
	const system = pick(rng, SYSTEMS[sector]);
	const unknownCause = chance(rng, 0.3);
	const report: IncidentReportForm = {
		reportingUnit: { name: org.name, contact: contactPerson(rng), mobile: fakeMobile(rng) },
		occurredAt: chance(rng, 0.2) ? 'unknown' : minuteIso(t0 - int(rng, 5, 240) * MINUTE_MS),
		discoveredAt: new Date(t0).toISOString(),
		howLearned: pick(rng, DISCOVERY),
		organisation: { orgId: org.orgId, name: org.name },
		region: org.region,
		sector,
		systems: [
			{
				name: system,
				address: chance(rng, 0.5)
					? 'unknown'
					: `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`
			}
		],
		cause: unknownCause ? 'unknown' : cause,
		data: {
			types: [pick(rng, DATA_TYPES)],
			grade: facts.dataGrade,
			records: pi + int(rng, 0, 100_000),
			personalInfo: pi > 0 ? { records: pi } : 'none',
			sensitivePersonalInfo: spi > 0 ? { records: spi } : 'none'
		},
		impact: {
			organisations: chance(rng, 0.4) ? 'unknown' : `${org.name}及其下游客户`,
			regionsSectors: `${placeName(org.region)} ${SECTOR_ZH[sector]}`
		},
		handling: {
			measuresTaken: '隔离受影响主机，冻结相关账号，保全日志',
			furtherMeasures: chance(rng, 0.3) ? 'unknown' : '全面排查同类风险，通知受影响用户',
			supportRequested: atLeast(level, 'relatively_large') ? ['攻击溯源', '电子取证'] : []
		},
		signedOff: atLeast(level, 'major'),
		drill,
		...(input.warning ? { warningId: input.warning.id } : {})
	};
	const title = `${org.name} ${system}数据安全事件`;
	const reportAt = m(int(rng, 1, 3));
	s.add(
		reportAt,
		'incident',
		id,
		{ type: 'ReportIncident', data: { incidentId: id, report } },
		proc,
		`${title}：报告（自评${LEVEL_ZH[level]}）`
	);
	if (input.warning)
		s.add(
			reportAt + 1000,
			'warning',
			input.warning.id,
			{ type: 'LinkIncident', warningId: input.warning.id, incidentId: id },
			input.warning.issuer,
			'关联预警'
		);
	s.add(
		reportAt + 2000,
		'incident',
		id,
		{ type: 'StartFirstHandling', data: { measures: '断开受影响系统网络连接，保全现场' } },
		proc,
		'先期处置'
	);
	const gradedAt = reportAt + int(rng, 1, 2) * MINUTE_MS;
	s.add(
		gradedAt,
		'incident',
		id,
		{
			type: 'SelfGrade',
			data: {
				level,
				ruleSetVersion: g.ruleSetVersion,
				firedCriteria: g.firedCriteria.length > 0 ? g.firedCriteria : ['other.general'],
				signedOff: report.signedOff
			}
		},
		proc,
		`自评${LEVEL_ZH[level]}`
	);

	const progressNote = (i: number) =>
		pick(rng, [
			`第${i}次进展：已完成受影响范围排查，涉及个人信息约${zhCount(pi)}条`,
			`第${i}次进展：取证工作持续，攻击入口已封堵`,
			`第${i}次进展：业务系统已恢复，持续监测异常访问`,
			`第${i}次进展：已通知受影响用户，舆情平稳`
		]);

	// 一般: the processor runs a IV-level response itself.
	if (level === 'general') {
		const start = gradedAt + int(rng, 2, 10) * MINUTE_MS;
		s.add(start, 'incident', id, { type: 'StartResponse', data: { level } }, proc, '启动四级响应');
		const end = start + int(rng, 2, 8) * HOUR_MS;
		s.add(
			start + HOUR_MS,
			'incident',
			id,
			{ type: 'RecordProgress', data: { note: progressNote(1) } },
			proc,
			'进展报告'
		);
		s.add(end, 'incident', id, { type: 'EndResponse', data: {} }, proc, '结束四级响应');
		s.add(
			end + int(rng, 1, 3) * HOUR_MS,
			'incident',
			id,
			{ type: 'CloseIncident', data: { note: '处置完毕' } },
			proc,
			'办结'
		);
		return s;
	}

	// 较大+: the local regulator grades; a regrade carries its reason.
	let confirmed: Level = level;
	let reason: string | undefined;
	if (input.regrade) {
		confirmed = step(level, input.regrade);
		reason =
			input.regrade === 'up'
				? `经核实涉及${facts.dataGrade === 'general' ? '重要' : '更多'}数据，影响范围扩大，调整为${LEVEL_ZH[confirmed]}`
				: `经核实涉及数据量小于报告数，调整为${LEVEL_ZH[confirmed]}`;
	}
	const confirmAt = gradedAt + int(rng, 2, 4) * MINUTE_MS;
	s.add(
		confirmAt,
		'incident',
		id,
		{ type: 'ConfirmLevel', data: { level: confirmed, ...(reason ? { reason } : {}) } },
		reg,
		reason ? `监管部门调整定级为${LEVEL_ZH[confirmed]}` : `监管部门确认${LEVEL_ZH[confirmed]}`
	);

	let responseAt: number;
	let responder: Actor;
	let ender: Actor;
	if (confirmed === 'general' || confirmed === 'relatively_large') {
		responseAt = confirmAt + int(rng, 5, 20) * MINUTE_MS;
		responder = confirmed === 'general' ? proc : reg;
		ender = responder;
		s.add(
			responseAt,
			'incident',
			id,
			{ type: 'StartResponse', data: { level: confirmed } },
			responder,
			confirmed === 'general' ? '启动四级响应' : '启动三级响应'
		);
	} else {
		// 重大+: phone within 10 min and writing within 30 min of discovery, then the leading group.
		const phone = input.latePhone
			? m(int(rng, 11, 16))
			: Math.max(confirmAt + MINUTE_MS, m(int(rng, 6, 9)));
		s.add(
			phone,
			'incident',
			id,
			{ type: 'EscalateToMinistry', data: { channel: 'phone' } },
			reg,
			'电话报部'
		);
		const written = Math.max(phone + 2 * MINUTE_MS, m(int(rng, 18, 28)));
		s.add(
			written,
			'incident',
			id,
			{ type: 'EscalateToMinistry', data: { channel: 'written' } },
			reg,
			'书面报部'
		);
		const lgPhone = Math.max(phone + MINUTE_MS, m(int(rng, 14, 19)));
		s.add(
			lgPhone,
			'incident',
			id,
			{ type: 'ReportToLeadingGroup', data: { channel: 'phone' } },
			ministry,
			'电话报部网信领导小组'
		);
		const lgWritten = Math.max(written + MINUTE_MS, m(int(rng, 30, 38)));
		s.add(
			lgWritten,
			'incident',
			id,
			{ type: 'ReportToLeadingGroup', data: { channel: 'written' } },
			ministry,
			'书面报部网信领导小组'
		);
		responseAt = lgWritten + int(rng, 2, 10) * MINUTE_MS;
		responder = ministry;
		ender = ministry;
		s.add(
			responseAt,
			'incident',
			id,
			{
				type: 'StartResponse',
				data: {
					level: confirmed,
					...(confirmed === 'especially_major' ? { approval: '部网信领导小组批准（电话）' } : {})
				}
			},
			ministry,
			confirmed === 'especially_major' ? '启动一级响应' : '启动二级响应'
		);
	}

	// Support agencies: local for III, ministry-tier for 重大+; one capability, sometimes two.
	const major = atLeast(confirmed, 'major');
	const [minH, maxH] = input.responseHours ?? (major ? [6, 20] : [3, 10]);
	const endMs = responseAt + int(rng, minH * 60, maxH * 60) * MINUTE_MS;
	const assignAt = responseAt + int(rng, 3, 10) * MINUTE_MS;
	// Agencies leave by the end of the day the story started (the demo books them per day).
	const releaseAt = Math.min(endMs, input.releaseBy) - 10 * MINUTE_MS;
	const capabilities: Capability[] = major ? ['forensics', 'tracing'] : ['forensics'];
	let assigned = 0;
	for (const capability of capabilities) {
		if (releaseAt < assignAt + 2 * HOUR_MS) break;
		const tier = major ? 'ministry' : 'local';
		const agencyId = book.choose(rng, org.region, capability, tier, assignAt, releaseAt);
		if (!agencyId) continue;
		const assignmentId = `${id}-a${++assigned}`;
		const assigner = major ? ministry : reg;
		const agent = agencyActor(agencyId, prefix);
		const t = assignAt + assigned * MINUTE_MS;
		s.add(
			t,
			'agency',
			agencyId,
			{
				type: 'AssignAgency',
				data: {
					assignmentId,
					incidentId: id,
					incidentRegion: org.region,
					incidentSector: sector,
					// Assigned minutes into the response, released before it ends.
					incidentStatus: 'response',
					capability,
					drill
				}
			},
			assigner,
			'指派支撑机构'
		);
		s.add(
			t + int(rng, 4, 25) * MINUTE_MS,
			'agency',
			agencyId,
			{ type: 'AcceptAssignment', data: { assignmentId } },
			agent,
			'支撑机构接单'
		);
		s.add(
			t + int(rng, 40, 110) * MINUTE_MS,
			'agency',
			agencyId,
			{
				type: 'RecordAgencyProgress',
				data: { assignmentId, note: '技术人员到场，开展取证分析', onSite: true }
			},
			agent,
			'支撑机构到场'
		);
		s.add(
			releaseAt,
			'agency',
			agencyId,
			{ type: 'ReleaseAgency', data: { assignmentId, reason: '现场处置完成' } },
			assigner,
			'释放支撑机构'
		);
	}

	// Progress: every 2 h for I/II, once for III; a processor's request to lower the level.
	const every = major ? 2 * HOUR_MS - int(rng, 5, 20) * MINUTE_MS : 6 * HOUR_MS;
	let i = 0;
	for (let t = responseAt + every; t < endMs; t += every)
		s.add(
			t,
			'incident',
			id,
			{ type: 'RecordProgress', data: { note: progressNote(++i) } },
			proc,
			'进展报告'
		);
	s.add(
		endMs,
		'incident',
		id,
		{
			type: 'EndResponse',
			data: confirmed === 'especially_major' ? { approval: '部网信领导小组批准' } : {}
		},
		ender,
		'结束响应'
	);

	if (input.summaries === false) return s;
	if (major) {
		// Summaries: the processor's within 5 working days, the regulator's within 10.
		const sum = endMs + int(rng, 20, 40) * HOUR_MS;
		const facts = `涉及个人信息约${zhCount(pi)}条，未造成次生危害`;
		s.add(
			sum,
			'incident',
			id,
			{ type: 'SubmitSummary', data: { summary: summaryOf(org, facts) } },
			proc,
			'提交总结报告'
		);
		const regSum = sum + int(rng, 20, 40) * HOUR_MS;
		s.add(
			regSum,
			'incident',
			id,
			{
				type: 'SubmitRegulatorSummary',
				data: {
					summary: {
						...summaryOf(org, facts),
						filingUnit: `${placeName(regRegion)}${SECTOR_ZH[sector]}监管部门`
					}
				}
			},
			reg,
			'监管部门报送总结报告'
		);
		s.add(
			regSum + int(rng, 2, 8) * HOUR_MS,
			'incident',
			id,
			{ type: 'CloseIncident', data: {} },
			ministry,
			'办结'
		);
	} else {
		s.add(
			endMs + int(rng, 1, 4) * HOUR_MS,
			'incident',
			id,
			{ type: 'CloseIncident', data: {} },
			ender,
			'办结'
		);
	}
	return s;
}
