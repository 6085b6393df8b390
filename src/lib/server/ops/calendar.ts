import type { Actor } from '../../domain/actor';
import { isYmd, validateCalendar, type HolidayCalendar } from '../../domain/calendar';
import type { CalendarCommand, CalendarState } from '../../domain/calendar/aggregate';
import { isDomainError } from '../../domain/errors';
import { calendarAggregate } from '../commands/aggregates';
import { execute, toDomain } from '../commands/execute';
import type { EventStore } from '../events/store';
import { keyOf, type OpsDeps } from './commands';
import { attempt, invalidFields, one, type FormFields, type OpsResult } from './result';

/**
 * Entering a year's State Council holiday notice: the administrator types the days off and the
 * make-up working days (调休) as the notice lists them, one date or range per line; the result
 * goes through the calendar aggregate (`AmendCalendar`), so it is audited in the log and every
 * screen's clocks pick it up live (provisional deadlines in that year become final).
 */

/** The one calendar stream ('calendar-cn'). */
export const CALENDAR_ID = 'cn';

export async function readCalendar(store: EventStore): Promise<CalendarState> {
	const events = await store.readStream(calendarAggregate.stream(CALENDAR_ID));
	return events
		.map((e) => toDomain<Parameters<typeof calendarAggregate.decider.evolve>[1]>(e))
		.reduce(calendarAggregate.decider.evolve, calendarAggregate.decider.initialState);
}

const DAY_MS = 86_400_000;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*(?:(?:~|～|至|到|--|—|–)\s*(\d{4}-\d{2}-\d{2}))?$/;
/** Longest range one line may expand to: the longest holiday block is 春节 at 9 days. */
const MAX_RANGE_DAYS = 31;

/**
 * Dates from a textarea: one 'YYYY-MM-DD' or 'YYYY-MM-DD ~ YYYY-MM-DD' (inclusive) per line or
 * separated by commas; each must fall in `year` or the December before it (a 元旦 make-up day
 * can). Returns the sorted dates, or the first offending line as an error key.
 */
export function parseDateList(text: string, year: number): { dates: string[] } | { error: string } {
	const out = new Set<string>();
	const items = text
		.split(/[\r\n,，、;；]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	const allowed = (d: string) =>
		d.startsWith(`${year}-`) || (d.startsWith(`${year - 1}-12-`) && isYmd(d));
	for (const item of items) {
		const m = RANGE.exec(item);
		if (!m || !isYmd(m[1]!) || (m[2] !== undefined && !isYmd(m[2])))
			return { error: 'calendar.bad_date' };
		const from = Date.parse(`${m[1]}T00:00:00Z`);
		const to = Date.parse(`${m[2] ?? m[1]}T00:00:00Z`);
		if (to < from || (to - from) / DAY_MS >= MAX_RANGE_DAYS) return { error: 'calendar.bad_range' };
		for (let t = from; t <= to; t += DAY_MS) {
			const d = new Date(t).toISOString().slice(0, 10);
			if (!allowed(d)) return { error: 'calendar.outside_year' };
			out.add(d);
		}
	}
	return { dates: [...out].sort() };
}

/** Enter (or correct) a year's holiday arrangement. */
export function amendCalendarAction(
	deps: OpsDeps,
	actor: Actor,
	f: FormFields
): Promise<OpsResult> {
	return attempt('amendCalendar', async () => {
		const errors: Record<string, string> = {};
		const yearText = one(f, 'year');
		const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
		if (!(year >= 2000 && year <= 2100)) errors.year = 'calendar.bad_year';
		const notice = one(f, 'notice');
		if (!notice) errors.notice = 'required';
		else if (notice.length > 200) errors.notice = 'too_long';
		const holidays = Number.isNaN(year) ? undefined : parseDateList(one(f, 'holidays'), year);
		const workdays = Number.isNaN(year) ? undefined : parseDateList(one(f, 'workdays'), year);
		if (holidays && 'error' in holidays) errors.holidays = holidays.error;
		else if (holidays && holidays.dates.length === 0) errors.holidays = 'required';
		if (workdays && 'error' in workdays) errors.workdays = workdays.error;
		if (!holidays || !workdays || 'error' in holidays || 'error' in workdays || notice === '')
			throw invalidFields(errors);
		if (Object.keys(errors).length > 0) throw invalidFields(errors);
		const extension: HolidayCalendar = {
			version: `cn-${year}:${notice}`,
			timeZone: 'Asia/Shanghai',
			holidays: holidays.dates,
			workdays: workdays.dates
		};
		try {
			validateCalendar(extension);
		} catch (err) {
			// e.g. a make-up working day that is not a weekend day: point at the textarea.
			if (!isDomainError(err)) throw err;
			const field = (err.field ?? '').split('.')[0] || 'holidays';
			throw invalidFields({ [field]: 'calendar.invalid' });
		}
		const command: CalendarCommand = {
			type: 'AmendCalendar',
			data: { reason: notice, extension }
		};
		const r = await execute(deps.store, calendarAggregate, CALENDAR_ID, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...keyOf(actor, f)
		});
		return { seq: r.seq };
	});
}
