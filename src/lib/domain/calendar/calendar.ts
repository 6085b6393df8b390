import { z } from 'zod';
import { DomainError } from '../errors';

/**
 * A working-day calendar as data. Weekends are days off and Monday–Friday are working days
 * unless a date is listed here. It is data rather than code because the State Council publishes
 * next year's arrangement every November and an administrator must be able to add it without a
 * release (persisted via events later; combine with `mergeCalendars`).
 */
export interface HolidayCalendar {
	version: string;
	timeZone: 'Asia/Shanghai';
	/** 'YYYY-MM-DD' days off that would otherwise be working days (weekend days may also appear). */
	holidays: string[];
	/** Make-up working days (调休) that fall on a Saturday or Sunday. */
	workdays: string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year; there has been no DST since 1991. */
/** China time is UTC+8 all year (no daylight saving). */
export const CHINA_OFFSET_MS = 8 * 60 * MINUTE_MS;
/** Bounds the walk in `addWorkingDays`: no clock in the plan is longer than 10 working days. */
const MAX_WORKING_DAYS = 1000;

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_RE =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalidDate(value: string, field: string): DomainError {
	return new DomainError(
		'invalid',
		'calendar.invalid_date',
		`Not a valid date 'YYYY-MM-DD': ${value}`,
		{
			messageKey: 'calendar.invalid_date',
			field,
			details: { value }
		}
	);
}

function invalidInstant(value: unknown, field: string): DomainError {
	return new DomainError(
		'invalid',
		'time.invalid_instant',
		`Not a valid ISO-8601 instant with a time zone: ${String(value)}`,
		{ messageKey: 'time.invalid_instant', field, details: { value } }
	);
}

/** Days since 1970-01-01 for a calendar date, or undefined when the date does not exist. */
function dayNumberOf(ymd: string): number | undefined {
	const m = YMD_RE.exec(ymd);
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
	return Date.UTC(y, mo - 1, d) / DAY_MS;
}

function ymdOf(dayNumber: number): string {
	return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isYmd(value: string): boolean {
	return dayNumberOf(value) !== undefined;
}

/**
 * Epoch milliseconds of an ISO-8601 instant. The zone (Z or ±hh:mm) is required: a local time
 * without a zone is ambiguous between the server's zone and China time, and a deadline computed
 * from the wrong one is eight hours off. Seconds are required; fractions beyond ms are truncated.
 */
export function parseInstant(iso: string, field = 'at'): number {
	const m = typeof iso === 'string' ? ISO_RE.exec(iso) : null;
	if (!m) throw invalidInstant(iso, field);
	const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
	const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
	const offH = m[10] === undefined ? 0 : Number(m[10]);
	const offM = m[11] === undefined ? 0 : Number(m[11]);
	if (
		y === undefined ||
		mo === undefined ||
		d === undefined ||
		h === undefined ||
		mi === undefined ||
		s === undefined ||
		mo < 1 ||
		mo > 12 ||
		d < 1 ||
		d > daysInMonth(y, mo) ||
		h > 23 ||
		mi > 59 ||
		s > 59 ||
		offH > 14 ||
		offM > 59
	) {
		throw invalidInstant(iso, field);
	}
	const sign = m[9] === '-' ? -1 : 1;
	const offsetMs = sign * (offH * 60 + offM) * MINUTE_MS;
	return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMs;
}

/** 00:00 China time of the day containing `ms`, as epoch ms. */
export function chinaDayStart(ms: number): number {
	return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** The China-time calendar date ('YYYY-MM-DD') of an instant. */
export function chinaDate(iso: string): string {
	return new Date(parseInstant(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (UTC ISO) at which a China-time calendar date ends: 23:59:59.999 +08:00. */
export function endOfChinaDay(ymd: string): string {
	const day = dayNumberOf(ymd);
	if (day === undefined) throw invalidDate(ymd, 'date');
	return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1).toISOString();
}

interface CalendarIndex {
	holidays: Set<string>;
	workdays: Set<string>;
	years: Set<number>;
}

// Calendars are immutable data; memoising per object keeps isWorkingDay cheap inside loops.
const indexCache = new WeakMap<HolidayCalendar, CalendarIndex>();

function indexOf(cal: HolidayCalendar): CalendarIndex {
	let index = indexCache.get(cal);
	if (!index) {
		const all = [...cal.holidays, ...cal.workdays];
		index = {
			holidays: new Set(cal.holidays),
			workdays: new Set(cal.workdays),
			years: new Set(all.map((d) => Number(d.slice(0, 4))))
		};
		indexCache.set(cal, index);
	}
	return index;
}

/**
 * Whether the calendar has data for the year of `ymd`. Every mainland year has at least
 * 元旦, so a year with no entry at all means the arrangement has not been entered yet.
 */
export function calendarCovers(cal: HolidayCalendar, ymd: string): boolean {
	if (!isYmd(ymd)) throw invalidDate(ymd, 'date');
	return indexOf(cal).years.has(Number(ymd.slice(0, 4)));
}

/**
 * Whether a China-time date is a working day. For a year the calendar does not cover this
 * answers by weekday alone; use `calendarCovers` when that matters.
 */
export function isWorkingDay(dateYmd: string, cal: HolidayCalendar): boolean {
	const day = dayNumberOf(dateYmd);
	if (day === undefined) throw invalidDate(dateYmd, 'date');
	const index = indexOf(cal);
	if (index.workdays.has(dateYmd)) return true;
	if (index.holidays.has(dateYmd)) return false;
	const weekday = new Date(day * DAY_MS).getUTCDay();
	return weekday !== 0 && weekday !== 6;
}

export interface AddWorkingDaysOptions {
	/**
	 * What to do when the count walks into a year the calendar has no data for.
	 * 'error' (default) throws `calendar.year_not_covered`, for callers that must not guess.
	 * 'weekdays' falls back to Monday–Friday. Clocks use `workingDayDeadline`, which always
	 * answers and says whether the answer is provisional.
	 */
	outsideCoverage?: 'error' | 'weekdays';
}

/**
 * A "within n working days" deadline and how sure it is. `uncoveredYears` lists the years the
 * count walked through that the calendar has no State Council notice for: there the count used
 * Monday–Friday, so the deadline is provisional until an administrator enters that year (a
 * holiday inside it would move the deadline later, a 调休 working day earlier).
 */
export interface WorkingDayDeadline {
	at: string;
	uncoveredYears: number[];
}

function invalidDayCount(n: number): DomainError {
	return new DomainError(
		'invalid',
		'calendar.invalid_day_count',
		`Working-day count must be an integer from 0 to ${MAX_WORKING_DAYS}: ${n}`,
		{ messageKey: 'calendar.invalid_day_count', field: 'n', details: { n } }
	);
}

/**
 * The deadline for "within n working days" of an instant: the end (23:59:59.999 China time) of
 * the n-th working day after the China-time day of `fromIso`. The day of the event itself never
 * counts, whatever the hour, so "within 5 working days of the end of response" on a Friday
 * evening ends on the fifth working day after that Friday. n = 0 gives the end of the event's own
 * day. Never throws for a real instant: a year without calendar data counts Monday–Friday and is
 * reported in `uncoveredYears`.
 */
export function workingDayDeadline(
	fromIso: string,
	n: number,
	cal: HolidayCalendar
): WorkingDayDeadline {
	const start = Math.floor((parseInstant(fromIso, 'from') + CHINA_OFFSET_MS) / DAY_MS);
	if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw invalidDayCount(n);
	const index = indexOf(cal);
	const uncovered = new Set<number>();
	let day = start;
	let counted = 0;
	while (counted < n) {
		day += 1;
		const ymd = ymdOf(day);
		const year = Number(ymd.slice(0, 4));
		if (!index.years.has(year)) uncovered.add(year);
		if (isWorkingDay(ymd, cal)) counted += 1;
	}
	return { at: endOfChinaDay(ymdOf(day)), uncoveredYears: [...uncovered].sort((a, b) => a - b) };
}

/** `workingDayDeadline` as a bare instant; refuses uncovered years unless told to count weekdays. */
export function addWorkingDays(
	fromIso: string,
	n: number,
	cal: HolidayCalendar,
	options: AddWorkingDaysOptions = {}
): string {
	const { at, uncoveredYears } = workingDayDeadline(fromIso, n, cal);
	const year = uncoveredYears[0];
	if (year !== undefined && (options.outsideCoverage ?? 'error') === 'error') {
		throw new DomainError(
			'conflict',
			'calendar.year_not_covered',
			`Calendar ${cal.version} has no holiday data for ${year}`,
			{ messageKey: 'calendar.year_not_covered', details: { year, version: cal.version } }
		);
	}
	return at;
}

/**
 * The last China-time date the calendar has data for (31 December of its latest year), or
 * undefined for an empty calendar. Screens warn ahead of it; clocks past it are provisional.
 */
export function calendarCoveredUntil(cal: HolidayCalendar): string | undefined {
	const years = [...indexOf(cal).years];
	return years.length ? `${Math.max(...years)}-12-31` : undefined;
}

/**
 * How many days ahead of the calendar's last covered day the screens start saying so: the State
 * Council usually publishes next year's notice in November, and an administrator needs time to
 * enter it before the first deadline reaches into that year. Product setting, not a plan number.
 */
export const CALENDAR_NOTICE_DAYS = 60;

export interface CalendarCoverage {
	/** Last China-time date with notice data ('YYYY-MM-DD'), undefined for an empty calendar. */
	coveredUntil: string | undefined;
	/** Whole days from today (China time) to `coveredUntil`; negative once it has passed. */
	daysLeft: number | null;
	/** The first year without data: the notice to enter next. */
	nextYear: number;
	/** True from CALENDAR_NOTICE_DAYS before the end (and after it). */
	expiring: boolean;
}

/** Where the calendar ends relative to `nowIso`, for the admin screen and the ministry console. */
export function calendarCoverage(cal: HolidayCalendar, nowIso: string): CalendarCoverage {
	const coveredUntil = calendarCoveredUntil(cal);
	const today = dayNumberOf(chinaDate(nowIso))!;
	if (coveredUntil === undefined)
		return {
			coveredUntil,
			daysLeft: null,
			nextYear: Number(ymdOf(today).slice(0, 4)),
			expiring: true
		};
	const daysLeft = dayNumberOf(coveredUntil)! - today;
	return {
		coveredUntil,
		daysLeft,
		nextYear: Number(coveredUntil.slice(0, 4)) + 1,
		expiring: daysLeft <= CALENDAR_NOTICE_DAYS
	};
}

/** An instant plus a whole number of minutes (may be negative), as a UTC ISO string. */
export function addDuration(fromIso: string, minutes: number): string {
	if (!Number.isInteger(minutes)) {
		throw new DomainError(
			'invalid',
			'time.invalid_duration',
			`Minutes must be an integer: ${minutes}`,
			{
				messageKey: 'time.invalid_duration',
				field: 'minutes',
				details: { minutes }
			}
		);
	}
	return new Date(parseInstant(fromIso, 'from') + minutes * MINUTE_MS).toISOString();
}

const ymdSchema = z.string().refine(isYmd, { message: "expected a real date 'YYYY-MM-DD'" });

/** Schema for storing and loading a calendar as JSON. */
export const holidayCalendarSchema = z
	.object({
		version: z.string().min(1),
		timeZone: z.literal('Asia/Shanghai'),
		holidays: z.array(ymdSchema),
		workdays: z.array(ymdSchema)
	})
	.superRefine((cal, ctx) => {
		const holidays = new Set(cal.holidays);
		cal.workdays.forEach((d, i) => {
			const day = dayNumberOf(d);
			const weekday = day === undefined ? -1 : new Date(day * DAY_MS).getUTCDay();
			if (weekday !== 0 && weekday !== 6) {
				ctx.addIssue({
					code: 'custom',
					path: ['workdays', i],
					message: `make-up working day ${d} is not a Saturday or Sunday`
				});
			}
			if (holidays.has(d)) {
				ctx.addIssue({
					code: 'custom',
					path: ['workdays', i],
					message: `${d} is listed both as a holiday and as a working day`
				});
			}
		});
	});

/** Parses untrusted calendar data (e.g. an administrator's extension) or throws `calendar.invalid`. */
export function validateCalendar(data: unknown): HolidayCalendar {
	const result = holidayCalendarSchema.safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new DomainError(
			'invalid',
			'calendar.invalid',
			`Invalid holiday calendar: ${issue?.message}`,
			{
				messageKey: 'calendar.invalid',
				field: issue?.path.join('.'),
				details: { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) }
			}
		);
	}
	return result.data;
}

/**
 * Combines a base calendar with an administrator's extension (typically next year's notice, or
 * a correction). On a date both mention, the extension wins, because it is the later decision.
 */
export function mergeCalendars(base: HolidayCalendar, extension: HolidayCalendar): HolidayCalendar {
	validateCalendar(base);
	validateCalendar(extension);
	const extensionDates = new Set([...extension.holidays, ...extension.workdays]);
	const keep = (d: string) => !extensionDates.has(d);
	const sortedUnique = (ds: string[]) => [...new Set(ds)].sort();
	return {
		version: `${base.version}+${extension.version}`,
		timeZone: 'Asia/Shanghai',
		holidays: sortedUnique([...base.holidays.filter(keep), ...extension.holidays]),
		workdays: sortedUnique([...base.workdays.filter(keep), ...extension.workdays])
	};
}
