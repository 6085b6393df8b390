import * as agency from '../agency';
import * as calendar from '../calendar/aggregate';
import type { HolidayCalendar } from '../calendar';
import * as drill from '../drill';
import * as incident from '../incident';
import * as warning from '../warning';
import * as watch from '../watch';
import type { WireEvent } from '../../shared/socket';

/**
 * The command picture: every aggregate's folded state, as of one log position. The wall, the
 * console and the review screen are functions of it; the server builds it from projections,
 * the browser keeps it current by applying the same `evolve`s to live events, and the review
 * screen folds a log prefix. Same reducers everywhere, so the three cannot disagree.
 */
export interface Picture {
	/** Last seq applied. */
	seq: number;
	incidents: Record<string, incident.IncidentState>;
	warnings: Record<string, warning.WarningState>;
	agencies: Record<string, agency.AgencyState>;
	watches: Record<string, watch.WatchState>;
	drills: Record<string, drill.DrillState>;
	/** The working-day calendar with its amendments (one entry, 'cn', once amended). */
	calendars: Record<string, calendar.CalendarState>;
	/** Stream versions applied per stream: makes applying an event idempotent. */
	versions: Record<string, number>;
}

export const emptyPicture = (): Picture => ({
	seq: 0,
	incidents: {},
	warnings: {},
	agencies: {},
	watches: {},
	drills: {},
	calendars: {},
	versions: {}
});

type Slot = 'incidents' | 'warnings' | 'agencies' | 'watches' | 'drills' | 'calendars';

const REDUCERS: Record<
	string,
	{ slot: Slot; initial: unknown; evolve: (s: never, e: never) => unknown }
> = {
	incident: { slot: 'incidents', initial: incident.initialState, evolve: incident.evolve },
	warning: { slot: 'warnings', initial: warning.initialState, evolve: warning.evolve },
	agency: { slot: 'agencies', initial: agency.initialState, evolve: agency.evolve },
	watch: { slot: 'watches', initial: watch.initialState, evolve: watch.evolve },
	drill: { slot: 'drills', initial: drill.initialState, evolve: drill.evolve },
	calendar: { slot: 'calendars', initial: calendar.initialState, evolve: calendar.evolve }
};

/** The working-day calendar in force in this picture (shipped dates plus amendments). */
export function calendarOf(picture: Picture): HolidayCalendar {
	return (picture.calendars.cn ?? calendar.initialState).calendar;
}

/** Split `incident-<id>` into its kind and id. */
export function parseStream(streamId: string): { kind: string; id: string } {
	const dash = streamId.indexOf('-');
	return { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}

/**
 * Apply events in seq order. Events at or below the picture's seq, or at or below the
 * stream's applied version, are ignored: applying a batch twice changes nothing.
 * Mutates and returns `picture` (the wall applies thousands of events; copies would churn).
 */
export function applyEvents(picture: Picture, events: readonly WireEvent[]): Picture {
	for (const e of events) {
		if (e.seq <= picture.seq) continue;
		picture.seq = e.seq;
		const { kind, id } = parseStream(e.streamId);
		const reducer = REDUCERS[kind];
		if (!reducer) continue;
		if ((picture.versions[e.streamId] ?? 0) >= e.streamVersion) continue;
		picture.versions[e.streamId] = e.streamVersion;
		const slot = picture[reducer.slot] as Record<string, unknown>;
		slot[id] = reducer.evolve(
			(slot[id] ?? reducer.initial) as never,
			{
				type: e.type,
				data: e.payload
			} as never
		);
	}
	return picture;
}

/** Advance the position without events (a heartbeat or a room with nothing new). */
export function advance(picture: Picture, seq: number): Picture {
	if (seq > picture.seq) picture.seq = seq;
	return picture;
}

/**
 * A canonical digest input: the picture with keys sorted, so two pictures built differently
 * (live vs fresh load vs replay) compare equal exactly when their content is equal.
 */
export function canonicalPicture(picture: Picture): string {
	return stableStringify({ ...picture, versions: undefined });
}

function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	const obj = value as Record<string, unknown>;
	return `{${Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
		.join(',')}}`;
}
