import { agencyLoad, isActiveAssignment, standbyStatus } from '$lib/domain/agency';
import type { Picture } from '$lib/domain/picture';
import { translator } from '$lib/i18n';
import { regionText, type Lang } from './format';
import { activeWarnings, registeredAgencies } from './model';

export type AssignmentView = 'assigned' | 'accepted' | 'arrived';

export interface AssignmentChip {
	assignmentId: string;
	incidentId: string;
	/** The incident's organisation (data text), or the incident id if not in the picture. */
	subject: string;
	region: string;
	capability: string;
	state: AssignmentView;
	stateLabel: string;
	drill: boolean;
}

export interface AgencyRow {
	id: string;
	name: string;
	tierLabel: string;
	capabilities: string;
	active: number;
	capacity: number;
	/** active / capacity, 0..1. */
	loadRatio: number;
	standby: boolean;
	assignments: AssignmentChip[];
}

/**
 * Support agencies: their live assignments (awaiting acceptance, accepted, on site), load
 * against capacity and standby under red/orange warnings. Busiest and standby agencies first.
 */
export function agencyBoard(picture: Picture, now: string, lang: Lang): AgencyRow[] {
	const t = translator(lang);
	const warnings = activeWarnings(picture, now);
	return registeredAgencies(picture)
		.map((s) => {
			const load = agencyLoad(s);
			const assignments = s.assignments.filter(isActiveAssignment).map((a): AssignmentChip => {
				const incident = picture.incidents[a.incidentId];
				const state: AssignmentView =
					a.status === 'assigned' ? 'assigned' : a.arrivedAt ? 'arrived' : 'accepted';
				return {
					assignmentId: a.assignmentId,
					incidentId: a.incidentId,
					subject:
						incident && incident.status !== 'none'
							? incident.report.organisation.name
							: a.incidentId,
					region: regionText(a.incidentRegion, lang),
					capability: t(`wall.capability.${a.capability}`),
					state,
					stateLabel: t(`wall.agency.${state}`),
					drill: a.drill
				};
			});
			return {
				id: s.agency.id,
				name: s.agency.name,
				tierLabel: t(
					s.agency.tier === 'ministry' ? 'wall.agency.ministryTier' : 'wall.agency.localTier'
				),
				capabilities: s.agency.capabilities.map((c) => t(`wall.capability.${c}`)).join(' · '),
				active: load.active,
				capacity: load.capacity,
				loadRatio: load.capacity > 0 ? Math.min(1, load.active / load.capacity) : 0,
				standby: standbyStatus(s.agency, warnings).standby,
				assignments
			};
		})
		.sort(
			(a, b) =>
				Number(b.standby) - Number(a.standby) ||
				b.active - a.active ||
				a.name.localeCompare(b.name, 'zh')
		);
}
