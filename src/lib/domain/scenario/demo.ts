import type { Actor } from '../actor';
import { chinaDate } from '../calendar/calendar';
import type { Level, Sector } from '../levels';
import { regulatorRegion } from '../regions';
import { SYSTEM_ACTOR } from './actors';
import { DEMO_AGENCIES } from './agencies';
import { drillCompletionKey, DRILL_SCRIPTS, toInjects } from './drills';
import {
	chance,
	DAY_MS,
	HOUR_MS,
	int,
	ministryActor,
	MINUTE_MS,
	pad,
	pick,
	pickSome,
	processorActor,
	regulatorActor,
	weighted
} from './kit';
import { OrgFactory, PLACE_WEIGHTS, PLACES, placeName, regulatorName } from './places';
import { AgencyBook, incidentStory, Story } from './stories';
import { seededRandom, type Inject, type Scenario } from './types';

/**
 * The live demo: a seeded, reproducible world played through the same command handlers people
 * use. Each China day has its own stories (incidents, warnings, a watch period, a drill, duty-log
 * entries); a story may run into the following days, and the scenario of a day is every step
 * of every story that falls inside that day. Same seed, same days: the same log.
 */

const MINISTRY = ministryActor('min-duty');
/** The demo's showcase processor (the demo processor account's organisation). */
export const SHOWCASE_ORG = {
	orgId: 'org-440000-01',
	name: '广州澜拓精密制造有限公司（演示）',
	region: '440000'
} as const;
/** Stories run at most this long after the day they start (summaries of 重大 incidents). */
const LOOKBACK_DAYS = 5;
/** A watch period begins every WATCH_CYCLE days from the demo's first day and lasts WATCH_DAYS. */
const WATCH_CYCLE = 7;
const WATCH_DAYS = 4;

/** The support-agency registry, registered by the ministry a second apart. */
export function demoRegistry(): Inject[] {
	return DEMO_AGENCIES.map((agency, i) => ({
		offsetMs: i * 1000,
		aggregate: 'agency' as const,
		id: agency.id,
		command: { type: 'RegisterAgency', data: { agency } },
		actor: MINISTRY,
		label: `登记支撑机构 ${agency.name}`,
		key: `demo:registry:${agency.id}`
	}));
}

/** 'YYYY-MM-DD' of a China day starting at `dayStartMs`. */
const ymd = (dayStartMs: number) => chinaDate(new Date(dayStartMs).toISOString());

const SECTOR_WEIGHTS: readonly (readonly [Sector, number])[] = [
	['industrial', 5],
	['telecom', 3.5],
	['radio', 1]
];

const LEVEL_WEIGHTS: readonly (readonly [Level, number])[] = [
	['general', 50],
	['relatively_large', 32],
	['major', 14],
	['especially_major', 2]
];

/** Reports come mostly in office hours. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, h) => [
	h,
	h < 7 ? 0.3 : h < 9 ? 1.2 : h < 19 ? 2.5 : 1
]);

const WATCH_EVENTS = [
	{ name: '中国国际进口博览会保障', regions: ['310000', '320000', '330000'] },
	{ name: '数字中国建设峰会保障', regions: ['350000', '350200'] },
	{ name: '世界互联网大会乌镇峰会保障', regions: ['330000', '310000'] },
	{ name: '粤港澳大湾区重大活动保障', regions: ['440000', '440300'] },
	{ name: '首都重大活动保障', regions: ['110000', '120000', '130000'] }
];

const WARNING_TOPICS = [
	{ title: '关于防范新型勒索软件攻击的预警', harm: '可能导致生产数据被加密、业务中断' },
	{ title: '关于某远程运维软件高危漏洞被利用的预警', harm: '可能导致重要数据被窃取' },
	{ title: '关于对象存储配置错误导致数据暴露风险的预警', harm: '可能导致大量个人信息泄露' },
	{ title: '关于针对电信用户信息的撞库攻击预警', harm: '可能导致用户个人信息被非法获取' }
];

/** The stories that start on one China day. Pure: same (seed, day, first day), same stories. */
export function storiesOfDay(seed: number, dayStart: number, firstDay: number): Story[] {
	const dayNo = Math.round(dayStart / DAY_MS);
	const rng = seededRandom((Math.imul(seed, 0x9e3779b1) ^ dayNo) >>> 0);
	const tag = `d${ymd(dayStart).replaceAll('-', '')}`;
	const orgs = new OrgFactory(rng, `${tag}-`);
	const book = new AgencyBook();
	const dayEnd = dayStart + DAY_MS;
	const at = (h: number, m: number) => dayStart + h * HOUR_MS + m * MINUTE_MS;
	const stories: Story[] = [];

	// Warnings: a local yellow one every day, and an orange one from the ministry every other day.
	const yRegion = pick(rng, ['440000', '320000', '330000', '370000']);
	const ySector: Sector = 'telecom';
	const yIssuer = regulatorActor(yRegion, ySector);
	const yTopic = pick(rng, WARNING_TOPICS);
	const yId = `${tag}-w1`;
	const warnings = new Story(`demo:${yId}`);
	const yIssued = at(9, int(rng, 0, 40));
	warnings.add(
		yIssued,
		'warning',
		yId,
		{
			type: 'IssueWarning',
			warningId: yId,
			colour: 'yellow',
			scope: { regions: [yRegion], sectors: [ySector] },
			validFrom: new Date(yIssued).toISOString(),
			validUntil: new Date(yIssued + DAY_MS).toISOString(),
			title: yTopic.title,
			likelyHarm: yTopic.harm,
			requiredActions: ['立即开展自查', '加强监测并每日报告', '发现异常立即报告属地监管部门']
		},
		yIssuer,
		`${regulatorName(yRegion, ySector)}发布黄色预警`
	);
	if (chance(rng, 0.5))
		warnings.add(
			at(18, int(rng, 0, 50)),
			'warning',
			yId,
			{ type: 'LiftWarning', warningId: yId, reason: '风险已得到有效控制' },
			yIssuer,
			'解除黄色预警'
		);
	if (dayNo % 2 === 0) {
		const oId = `${tag}-w2`;
		const regions = pickSome(rng, ['110000', '310000', '440000', '510000', '420000', '610000'], 3);
		const issued = at(10, int(rng, 0, 50));
		const topic = pick(rng, WARNING_TOPICS);
		warnings.add(
			issued,
			'warning',
			oId,
			{
				type: 'IssueWarning',
				warningId: oId,
				colour: 'orange',
				scope: { regions, sectors: ['industrial', 'telecom'] },
				validFrom: new Date(issued).toISOString(),
				validUntil: new Date(issued + 2 * DAY_MS).toISOString(),
				title: topic.title,
				likelyHarm: topic.harm,
				requiredActions: ['重点单位落实24小时值班', '支撑机构进入待命状态', '每日报告监测情况']
			},
			MINISTRY,
			'工信部发布橙色预警'
		);
		warnings.add(
			at(20, int(rng, 0, 50)),
			'warning',
			oId,
			{ type: 'LiftWarning', warningId: oId, reason: '预警期内未发现攻击进一步扩散' },
			MINISTRY,
			'解除橙色预警'
		);
	}
	stories.push(warnings);

	// Incidents. The second of every day happens at the showcase organisation, the one the demo
	// processor account signs in as, so that account always has incidents of its own.
	const count = int(rng, 14, 22);
	let especiallyMajor = false;
	for (let i = 1; i <= count; i++) {
		const region = weighted(rng, PLACE_WEIGHTS);
		const sector = region === 'XPCC' ? 'industrial' : weighted(rng, SECTOR_WEIGHTS);
		let level = weighted(rng, LEVEL_WEIGHTS);
		if (level === 'especially_major') {
			if (especiallyMajor) level = 'major';
			especiallyMajor = true;
		}
		const discovered = at(weighted(rng, HOUR_WEIGHTS), int(rng, 0, 59));
		const linked = i === 1 && yIssued + 2 * HOUR_MS < dayEnd;
		const showcase = i === 2;
		const r = linked ? yRegion : showcase ? SHOWCASE_ORG.region : region;
		const sec: Sector = linked ? ySector : showcase ? 'industrial' : sector;
		stories.push(
			incidentStory(
				rng,
				{
					id: `${tag}-i${pad(i, 2)}`,
					org: showcase ? SHOWCASE_ORG : orgs.make(r, sec),
					sector: sec,
					discoveredMs: linked ? yIssued + int(rng, 60, 150) * MINUTE_MS : discovered,
					level: linked ? 'relatively_large' : level,
					...(level !== 'general' && chance(rng, 0.15)
						? { regrade: chance(rng, 0.6) ? ('up' as const) : ('down' as const) }
						: {}),
					...(chance(rng, 0.25) ? { latePhone: true } : {}),
					...(linked ? { warning: { id: yId, issuer: yIssuer } } : {}),
					releaseBy: dayEnd
				},
				book
			)
		);
	}

	// A watch period (重大活动保障期) every WATCH_CYCLE days, with daily zero-report check-ins.
	const sinceFirst = Math.round((dayStart - firstDay) / DAY_MS);
	if (sinceFirst >= 0 && sinceFirst % WATCH_CYCLE === 0) {
		const event = WATCH_EVENTS[(sinceFirst / WATCH_CYCLE) % WATCH_EVENTS.length]!;
		const watchId = `${tag}-watch`;
		const watch = new Story(`demo:${watchId}`);
		const wf = new OrgFactory(rng, `${tag}-watch-`);
		const designated = event.regions.flatMap((r) =>
			[0, 1].map(() => {
				const sector =
					r === '350200' || r === '440300'
						? 'industrial'
						: pick(rng, ['industrial', 'telecom'] as const);
				const o = wf.make(r, sector);
				return { orgId: o.orgId, name: o.name, region: r };
			})
		);
		const startsAt = at(8, 0);
		const endsAt = startsAt + WATCH_DAYS * DAY_MS;
		watch.add(
			at(7, 30),
			'watch',
			watchId,
			{
				type: 'CreateWatchPeriod',
				data: {
					watchId,
					name: event.name,
					startsAt: new Date(startsAt).toISOString(),
					endsAt: new Date(endsAt).toISOString(),
					regions: event.regions,
					clockOverrides: {
						reportLocal: 30,
						ministryPhone: 5,
						ministryWritten: 20,
						agencyAcceptance: 15,
						zeroReportDueTime: '10:00'
					},
					designatedProcessors: designated
				}
			},
			MINISTRY,
			`启动${event.name}`
		);
		for (let d = 0; d < WATCH_DAYS; d++) {
			const date = ymd(dayStart + d * DAY_MS);
			// Each day one designated processor is late (after 10:00) or silent: a visible gap.
			const late = pick(rng, designated).orgId;
			const silent = chance(rng, 0.5);
			for (const p of designated) {
				const actor = processorActor({ orgId: p.orgId, name: p.name, region: p.region });
				const checkIn =
					dayStart +
					d * DAY_MS +
					(p.orgId === late ? int(rng, 10 * 60 + 20, 15 * 60) : int(rng, 8 * 60 + 5, 9 * 60 + 50)) *
						MINUTE_MS;
				if (p.orgId === late && silent) continue;
				watch.add(
					checkIn,
					'watch',
					watchId,
					{ type: 'SubmitZeroReport', data: { orgId: p.orgId, date, note: '今日无数据安全事件' } },
					actor,
					`零报告 ${p.name}`
				);
			}
		}
		stories.push(watch);
	}

	// Duty log: shift hand-overs at the ministry and in a few busy provinces.
	const duty = new Story(`demo:${tag}-duty`);
	const offices: { id: string; actor: Actor; name: string }[] = [
		{ id: 'national', actor: MINISTRY, name: '部值班室' },
		...['440000', '320000', '110000'].map((r) => ({
			id: r,
			actor: regulatorActor(r, 'industrial'),
			name: regulatorName(r, 'industrial')
		}))
	];
	for (const o of offices) {
		duty.add(
			at(8, 30),
			'dutylog',
			o.id,
			{ type: 'RecordDutyLogEntry', text: `${o.name}早班交接：夜间情况已交接，值班人员到岗。` },
			o.actor,
			'交接班'
		);
		duty.add(
			at(17, 30),
			'dutylog',
			o.id,
			{ type: 'RecordDutyLogEntry', text: `${o.name}晚班交接：在办事件与待办时限已逐项交接。` },
			o.actor,
			'交接班'
		);
	}
	stories.push(duty);

	// A drill (演练) in the afternoon, started by a provincial regulator in a smaller province.
	const drillRegion = pick(
		rng,
		Object.keys(PLACES).filter(
			(c) => (PLACES[c]?.weight ?? 0) <= 3 && regulatorRegion(c, 'industrial') === c
		)
	);
	const script = pick(rng, Object.values(DRILL_SCRIPTS));
	const drillId = `${tag}-drill`;
	const drillStart = at(14, int(rng, 0, 30));
	const drill = new Story(`drill:${drillId}`);
	drill.add(
		drillStart,
		'drill',
		drillId,
		{
			type: 'StartDrill',
			data: {
				drillId,
				scenarioId: script.id,
				name: `${placeName(drillRegion)}${script.name.zh}`,
				regions: [drillRegion]
			}
		},
		regulatorActor(drillRegion, 'industrial'),
		'启动演练',
		`drill:${drillId}:start`
	);
	// The script's own injects, under the keys the drill's own playback uses after a restart.
	const played = script.build({
		drillId,
		regions: [drillRegion],
		seed: drillSeed(drillId),
		startIso: new Date(drillStart).toISOString()
	});
	for (const i of played.injects)
		drill.add(drillStart + i.offsetMs, i.aggregate, i.id, i.command, i.actor, i.label ?? '', i.key);
	drill.add(
		drillStart + played.durationMs + MINUTE_MS,
		'drill',
		drillId,
		{ type: 'CompleteDrill', data: {} },
		SYSTEM_ACTOR,
		'演练结束',
		drillCompletionKey(drillId)
	);
	stories.push(drill);
	return stories;
}

/** The seed a drill's script is built with (FNV-1a of its id): the same wherever it is played. */
export function drillSeed(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

export interface DemoDayOptions {
	/** The demo's first day (China midnight, ISO): stories start no earlier; watch cycles count from it. */
	firstDayIso?: string;
}

/**
 * The scenario of one China day (`dayIso` = its midnight, +08:00, as an ISO instant): every step
 * of every story that started in the last LOOKBACK_DAYS days (not before the first day) and
 * falls inside this day.
 */
export function demoDay(seed: number, dayIso: string, options: DemoDayOptions = {}): Scenario {
	const dayStart = Date.parse(dayIso);
	const first = options.firstDayIso ? Date.parse(options.firstDayIso) : dayStart;
	const injects: Inject[] = [];
	for (let d = Math.max(first, dayStart - LOOKBACK_DAYS * DAY_MS); d <= dayStart; d += DAY_MS) {
		for (const story of storiesOfDay(seed, d, first)) {
			const inDay = story.steps.filter((s) => s.atMs >= dayStart && s.atMs < dayStart + DAY_MS);
			const drillId = story.id.startsWith('drill:') ? story.id.slice('drill:'.length) : undefined;
			// Demo steps are keyed under 'demo:'; a drill's steps already carry their drill keys.
			injects.push(...toInjects(inDay, dayStart, drillId ? '' : 'demo', drillId));
		}
	}
	injects.sort((a, b) => a.offsetMs - b.offsetMs);
	return {
		id: `demo:${ymd(dayStart)}`,
		name: { zh: `演示日 ${ymd(dayStart)}`, en: `Demo day ${ymd(dayStart)}` },
		durationMs: DAY_MS,
		injects
	};
}
