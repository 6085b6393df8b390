import type { Level } from '$lib/domain/levels';
import { parseStream, type Picture } from '$lib/domain/picture';
import type { WireEvent } from '$lib/shared/socket';
import { translator } from '$lib/i18n';
import { clockText, levelText, regionText, type Lang } from './format';

export interface TickerItem {
	seq: number;
	time: string;
	typeLabel: string;
	/** Human text (data text included: interpolated as text, never HTML). */
	text: string;
	level: Level | null;
	drill: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const LEVEL_EVENTS = new Set(['IncidentSelfGraded', 'LevelConfirmed', 'ResponseStarted']);

/** The latest events, newest first, in words: what happened, to whom, where. */
export function tickerItems(
	events: readonly WireEvent[],
	picture: Picture,
	lang: Lang,
	limit = 30
): TickerItem[] {
	const t = translator(lang);
	return [...events]
		.sort((a, b) => b.seq - a.seq)
		.slice(0, limit)
		.map((e) => {
			const { kind, id } = parseStream(e.streamId);
			const p = e.payload;
			let text = '';
			let level: Level | null = null;
			switch (kind) {
				case 'incident': {
					const s = picture.incidents[id];
					const report = p.report as
						{ organisation?: { name?: string }; region?: string } | undefined;
					const org =
						s && s.status !== 'none'
							? s.report.organisation.name
							: (report?.organisation?.name ?? id);
					const region = s && s.status !== 'none' ? s.region : (report?.region ?? e.region);
					const l = (str(p.level) ?? str(p.to)) as Level | undefined;
					if (l && (LEVEL_EVENTS.has(e.type) || e.type === 'LevelChanged')) level = l;
					text = [org, region ? regionText(region, lang) : '', level ? levelText(level, lang) : '']
						.filter(Boolean)
						.join(' · ');
					break;
				}
				case 'warning': {
					const w = picture.warnings[id];
					text = w && w.status !== 'not_issued' ? w.title : (str(p.title) ?? id);
					break;
				}
				case 'agency': {
					const a = picture.agencies[id];
					const name = a && a.status === 'registered' ? a.agency.name : id;
					const incidentId = str(p.incidentId) ?? findIncidentOfAssignment(a, str(p.assignmentId));
					const s = incidentId ? picture.incidents[incidentId] : undefined;
					text = [name, s && s.status !== 'none' ? s.report.organisation.name : '']
						.filter(Boolean)
						.join(' → ');
					break;
				}
				case 'watch': {
					const w = picture.watches[id];
					text = w && w.status !== 'none' ? w.name : (str(p.name) ?? id);
					if (e.type === 'ZeroReportSubmitted' && w && w.status !== 'none') {
						const org = w.processors.find((x) => x.orgId === p.orgId);
						text = `${org?.name ?? str(p.orgId) ?? ''} · ${w.name}`;
					}
					break;
				}
				case 'drill': {
					const d = picture.drills[id];
					text = d && d.status !== 'none' ? d.name : (str(p.name) ?? id);
					break;
				}
				default:
					text = str(p.text) ?? '';
			}
			return {
				seq: e.seq,
				time: clockText(e.recordedAt),
				typeLabel: t(`wall.event.${e.type}`, { defaultValue: t('wall.event.other') }),
				text,
				level,
				drill: e.drill
			};
		});
}

function findIncidentOfAssignment(
	a: Picture['agencies'][string] | undefined,
	assignmentId: string | undefined
): string | undefined {
	if (!a || a.status !== 'registered' || !assignmentId) return undefined;
	return a.assignments.find((x) => x.assignmentId === assignmentId)?.incidentId;
}
