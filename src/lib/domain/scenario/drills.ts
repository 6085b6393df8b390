import type { Level } from '../levels';
import { HOUR_MS, MINUTE_MS } from './kit';
import { OrgFactory } from './places';
import { AgencyBook, incidentStory, type Step } from './stories';
import { seededRandom, type Inject, type Scenario } from './types';

/**
 * Drill scripts (演练脚本): timed injects started for chosen regions. A script is a pure function
 * of its parameters, so a drill resumed after a restart plays exactly the same injects, each
 * under its own idempotency key: nothing is applied twice.
 */
export interface DrillParams {
	drillId: string;
	regions: string[];
	seed: number;
	startIso: string;
}

export interface DrillScript {
	id: string;
	name: { zh: string; en: string };
	description: { zh: string; en: string };
	build(params: DrillParams): Scenario;
}

/** Idempotency key of a drill's completion: the same whoever completes it. */
export const drillCompletionKey = (drillId: string) => `drill:${drillId}:completed`;

/** Steps at absolute times → injects relative to `startMs`, keys prefixed with `keyPrefix`. */
export function toInjects(
	steps: readonly Step[],
	startMs: number,
	keyPrefix: string,
	drillId?: string
): Inject[] {
	return [...steps]
		.sort((a, b) => a.atMs - b.atMs)
		.map((s) => ({
			offsetMs: s.atMs - startMs,
			aggregate: s.aggregate,
			id: s.id,
			command: s.command,
			actor: s.actor,
			label: s.label,
			key: keyPrefix ? `${keyPrefix}:${s.key}` : s.key,
			...(drillId ? { drillId } : {})
		}));
}

function drillScenario(
	script: Pick<DrillScript, 'id' | 'name'>,
	params: DrillParams,
	levels: readonly Level[],
	options: { regrade?: boolean; latePhone?: boolean }
): Scenario {
	const rng = seededRandom(params.seed);
	const start = Date.parse(params.startIso);
	const orgs = new OrgFactory(rng, `${params.drillId}-`, '【演练】');
	const book = new AgencyBook();
	const steps: Step[] = [];
	levels.forEach((level, i) => {
		const region = params.regions[i % params.regions.length] as string;
		const story = incidentStory(
			rng,
			{
				id: `${params.drillId}-i${i + 1}`,
				org: orgs.make(region, 'industrial'),
				sector: 'industrial',
				discoveredMs: start + (2 + i * 7) * MINUTE_MS,
				level,
				...(options.regrade && i === 1 ? { regrade: 'up' as const } : {}),
				...(options.latePhone && i === 0 ? { latePhone: true } : {}),
				drill: true,
				actorPrefix: 'drill-',
				releaseBy: start + 3 * HOUR_MS,
				responseHours: [1, 2],
				summaries: false
			},
			book
		);
		steps.push(...story.steps);
	});
	const injects = toInjects(steps, start, `drill:${params.drillId}`, params.drillId);
	const last = injects.reduce((max, i) => Math.max(max, i.offsetMs), 0);
	return { id: `${script.id}:${params.drillId}`, name: script.name, durationMs: last, injects };
}

const ransomware: DrillScript = {
	id: 'ransomware-major',
	name: {
		zh: '勒索攻击致重大数据安全事件处置演练',
		en: 'Ransomware: major incident response drill'
	},
	description: {
		zh: '一家工业企业遭勒索攻击，涉及重要数据：自评重大、十分钟内电话报部、指派部级支撑机构、二级响应。',
		en: 'An industrial processor hit by ransomware with important data: graded major, phoned to the ministry within 10 minutes, ministry-tier agencies assigned, level-II response.'
	},
	build(params) {
		return drillScenario(this, params, ['major'], {});
	}
};

const multiRegion: DrillScript = {
	id: 'leak-multi-region',
	name: { zh: '多地数据泄露联动处置演练', en: 'Multi-region data leak drill' },
	description: {
		zh: '所选地区先后报告数据泄露：较大事件由属地监管部门定级（其一核实后上调）并指派地方支撑机构。',
		en: 'Leaks reported in each chosen region one after another: relatively large incidents graded by the local regulator (one raised after verification), local agencies assigned.'
	},
	build(params) {
		const levels: Level[] =
			params.regions.length > 1
				? params.regions.map(() => 'relatively_large')
				: ['relatively_large', 'general'];
		return drillScenario(this, params, levels, { regrade: true });
	}
};

const lateReport: DrillScript = {
	id: 'late-escalation',
	name: { zh: '报告时限考核演练', en: 'Reporting-deadline drill' },
	description: {
		zh: '重大事件电话报部晚于十分钟：检验时限告警与事后追溯。',
		en: 'A major incident phoned to the ministry after the 10-minute window: exercises overdue alerts and the after-action record.'
	},
	build(params) {
		return drillScenario(this, params, ['major'], { latePhone: true });
	}
};

export const DRILL_SCRIPTS: Readonly<Record<string, DrillScript>> = {
	[ransomware.id]: ransomware,
	[multiRegion.id]: multiRegion,
	[lateReport.id]: lateReport
};
