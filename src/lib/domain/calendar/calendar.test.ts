import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
	addDuration,
	addWorkingDays,
	calendarCovers,
	chinaDate,
	CN_CALENDAR_2025_2026 as CN,
	endOfChinaDay,
	isWorkingDay,
	mergeCalendars,
	parseInstant,
	validateCalendar,
	workingDayDeadline,
	calendarCoveredUntil,
	calendarCoverage,
	type HolidayCalendar
} from './index';

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		throw e;
	}
	return undefined;
}

describe('CN_CALENDAR_2025_2026', () => {
	it('is valid calendar data', () => {
		expect(validateCalendar(CN)).toEqual(CN);
	});

	it.each([
		['2025-01-01', false, '元旦 2025 (Wed)'],
		['2025-01-26', true, 'make-up Sunday before 春节'],
		['2025-02-04', false, 'last day of 春节 2025 (Tue)'],
		['2025-02-05', true, 'back to work after 春节 2025'],
		['2025-02-08', true, 'make-up Saturday after 春节'],
		['2025-04-27', true, 'make-up Sunday before 劳动节'],
		['2025-06-02', false, '端午 Monday'],
		['2025-09-28', true, 'make-up Sunday before 国庆'],
		['2025-10-08', false, '国庆/中秋 last day (Wed)'],
		['2025-10-11', true, 'make-up Saturday after 国庆'],
		['2026-01-02', false, '元旦 2026 Friday'],
		['2026-01-04', true, 'make-up Sunday after 元旦'],
		['2026-02-14', true, 'make-up Saturday before 春节'],
		['2026-02-23', false, 'last day of 春节 2026 (Mon)'],
		['2026-02-28', true, 'make-up Saturday after 春节'],
		['2026-04-06', false, '清明 Monday'],
		['2026-05-05', false, '劳动节 Tuesday'],
		['2026-05-09', true, 'make-up Saturday'],
		['2026-06-19', false, '端午 Friday'],
		['2026-09-20', true, 'make-up Sunday before 国庆'],
		['2026-09-25', false, '中秋 Friday'],
		['2026-10-07', false, '国庆 last day (Wed)'],
		['2026-10-08', true, 'ordinary Thursday'],
		['2026-10-10', true, 'make-up Saturday'],
		['2026-10-11', false, 'ordinary Sunday'],
		['2026-03-02', true, 'ordinary Monday']
	])('%s is a working day: %s (%s)', (ymd, expected) => {
		expect(isWorkingDay(ymd, CN)).toBe(expected);
	});
});

describe('parseInstant / chinaDate', () => {
	it('reads Z and offset forms as the same instant', () => {
		expect(parseInstant('2026-10-01T09:00:00.000Z')).toBe(
			parseInstant('2026-10-01T17:00:00+08:00')
		);
	});

	it('gives the China-time date, which is ahead of UTC in the evening UTC', () => {
		expect(chinaDate('2025-12-31T15:59:59.999Z')).toBe('2025-12-31');
		expect(chinaDate('2025-12-31T16:00:00.000Z')).toBe('2026-01-01');
	});

	it.each([
		'2026-02-30T00:00:00Z',
		'2026-10-01T09:00:00',
		'2026-10-01',
		'yesterday',
		'',
		'2026-10-01T24:00:00Z'
	])('rejects %j', (bad) => {
		expect(codeOf(() => parseInstant(bad))).toBe('time.invalid_instant');
	});

	it('ends a China day at 15:59:59.999Z', () => {
		expect(endOfChinaDay('2026-10-09')).toBe('2026-10-09T15:59:59.999Z');
	});
});

describe('addWorkingDays', () => {
	// Friday 2026-09-18 17:50 China time.
	const friday = '2026-09-18T09:50:00.000Z';

	it('counts the make-up Sunday after a Friday evening event', () => {
		// Sat 19 off; Sun 20 make-up (1); Mon 21 (2); Tue 22 (3); Wed 23 (4); Thu 24 (5).
		expect(addWorkingDays(friday, 5, CN)).toBe('2026-09-24T15:59:59.999Z');
	});

	it('skips 中秋 and the 国庆 week for a 10-working-day clock', () => {
		// 20,21,22,23,24 (1-5); 25-27 中秋; 28,29,30 (6-8); Oct 1-7 国庆; Thu 8 (9); Fri 9 (10).
		expect(addWorkingDays(friday, 10, CN)).toBe('2026-10-09T15:59:59.999Z');
	});

	it('counts the make-up Saturday after 国庆', () => {
		// Wed 2026-09-30 10:00: Oct 8 (1), 9 (2), Sat 10 make-up (3), Mon 12 (4), Tue 13 (5).
		expect(addWorkingDays('2026-09-30T02:00:00.000Z', 5, CN)).toBe('2026-10-13T15:59:59.999Z');
	});

	it('does not count the day of the event even when it is a working day at 00:01', () => {
		// Mon 2026-03-02 00:01 China = Sun 2026-03-01 16:01Z.
		expect(addWorkingDays('2026-03-01T16:01:00.000Z', 1, CN)).toBe('2026-03-03T15:59:59.999Z');
	});

	it('crosses the year boundary through 元旦 to the make-up Sunday', () => {
		// Wed 2025-12-31: Jan 1-3 off, Sun Jan 4 make-up (1), Mon Jan 5 (2).
		expect(addWorkingDays('2025-12-31T02:00:00.000Z', 1, CN)).toBe('2026-01-04T15:59:59.999Z');
		expect(addWorkingDays('2025-12-31T02:00:00.000Z', 2, CN)).toBe('2026-01-05T15:59:59.999Z');
	});

	it('uses the China-time day when UTC is still on the previous day', () => {
		// 2025-12-31T16:30Z is 2026-01-01 00:30 China time: the event day is 元旦 itself.
		expect(addWorkingDays('2025-12-31T16:30:00.000Z', 1, CN)).toBe('2026-01-04T15:59:59.999Z');
		// 15:30Z is still Dec 31 in China: same answer, because Jan 1-3 are all off.
		expect(addWorkingDays('2025-12-31T15:30:00.000Z', 1, CN)).toBe('2026-01-04T15:59:59.999Z');
	});

	it('skips the whole 2026 春节 block including both make-up Saturdays', () => {
		// Fri 2026-02-13: Sat 14 make-up (1); 15-23 off; Tue 24 (2) ... Fri 27 (5); Sat 28 (6).
		expect(addWorkingDays('2026-02-13T02:00:00.000Z', 1, CN)).toBe('2026-02-14T15:59:59.999Z');
		expect(addWorkingDays('2026-02-13T02:00:00.000Z', 5, CN)).toBe('2026-02-27T15:59:59.999Z');
		expect(addWorkingDays('2026-02-13T02:00:00.000Z', 6, CN)).toBe('2026-02-28T15:59:59.999Z');
	});

	it('n = 0 is the end of the event day itself, even on a holiday', () => {
		expect(addWorkingDays(friday, 0, CN)).toBe('2026-09-18T15:59:59.999Z');
		expect(addWorkingDays('2026-10-03T01:00:00.000Z', 0, CN)).toBe('2026-10-03T15:59:59.999Z');
	});

	it.each([-1, 1.5, Number.NaN, 1001])('rejects n = %s', (n) => {
		expect(codeOf(() => addWorkingDays(friday, n, CN))).toBe('calendar.invalid_day_count');
	});

	it('rejects an invalid instant', () => {
		expect(codeOf(() => addWorkingDays('2026-09-18 17:50', 5, CN))).toBe('time.invalid_instant');
	});

	it('refuses to walk into a year the calendar does not cover, unless told to', () => {
		expect(calendarCovers(CN, '2027-01-05')).toBe(false);
		expect(codeOf(() => addWorkingDays('2026-12-31T02:00:00.000Z', 1, CN))).toBe(
			'calendar.year_not_covered'
		);
		// Fri 2027-01-01 would be 元旦, but by weekday alone it is a working day.
		expect(addWorkingDays('2026-12-31T02:00:00.000Z', 1, CN, { outsideCoverage: 'weekdays' })).toBe(
			'2027-01-01T15:59:59.999Z'
		);
	});
});

describe('workingDayDeadline', () => {
	it('counts Monday–Friday through a year without a notice and names that year', () => {
		// Thu 2026-12-31 + 1: Fri 2027-01-01 is 元旦 in fact, but 2027 is not entered yet.
		expect(workingDayDeadline('2026-12-31T02:00:00.000Z', 1, CN)).toEqual({
			at: '2027-01-01T15:59:59.999Z',
			uncoveredYears: [2027]
		});
		expect(workingDayDeadline('2026-12-28T02:00:00.000Z', 10, CN).uncoveredYears).toEqual([2027]);
		expect(workingDayDeadline('2030-06-03T02:00:00.000Z', 5, CN)).toEqual({
			at: '2030-06-10T15:59:59.999Z',
			uncoveredYears: [2030]
		});
	});

	it('is final inside the covered years and after the year is entered', () => {
		expect(workingDayDeadline('2026-02-13T02:00:00.000Z', 5, CN)).toEqual({
			at: '2026-02-27T15:59:59.999Z',
			uncoveredYears: []
		});
		const with2027 = mergeCalendars(CN, {
			version: 'cn-2027',
			timeZone: 'Asia/Shanghai',
			holidays: ['2027-01-01'],
			workdays: []
		});
		expect(workingDayDeadline('2026-12-31T02:00:00.000Z', 1, with2027)).toEqual({
			at: '2027-01-04T15:59:59.999Z',
			uncoveredYears: []
		});
		expect(calendarCoveredUntil(CN)).toBe('2026-12-31');
		expect(calendarCoveredUntil(with2027)).toBe('2027-12-31');
	});
});

describe('calendarCoverage', () => {
	it('warns from 60 days before the last covered day, and after it', () => {
		expect(calendarCoverage(CN, '2026-11-01T15:59:00.000Z')).toEqual({
			coveredUntil: '2026-12-31',
			daysLeft: 60,
			nextYear: 2027,
			expiring: true
		});
		expect(calendarCoverage(CN, '2026-10-31T15:59:00.000Z').expiring).toBe(false);
		expect(calendarCoverage(CN, '2027-01-02T01:00:00.000Z')).toMatchObject({
			daysLeft: -2,
			expiring: true
		});
	});
});

describe('addDuration', () => {
	it('adds minutes and normalises to UTC', () => {
		expect(addDuration('2026-10-01T09:50:00.000Z', 10)).toBe('2026-10-01T10:00:00.000Z');
		expect(addDuration('2026-10-01T17:50:00+08:00', 30)).toBe('2026-10-01T10:20:00.000Z');
		expect(addDuration('2026-10-01T00:10:00.000Z', -20)).toBe('2026-09-30T23:50:00.000Z');
	});

	it('ignores holidays: minute clocks run around the clock', () => {
		expect(addDuration('2026-09-30T15:50:00.000Z', 60)).toBe('2026-09-30T16:50:00.000Z');
	});

	it('rejects fractional minutes and bad instants', () => {
		expect(codeOf(() => addDuration('2026-10-01T09:50:00.000Z', 0.5))).toBe(
			'time.invalid_duration'
		);
		expect(codeOf(() => addDuration('nope', 5))).toBe('time.invalid_instant');
	});
});

describe('calendar data', () => {
	const ext2027: HolidayCalendar = {
		version: 'cn-2027-test',
		timeZone: 'Asia/Shanghai',
		holidays: ['2027-01-01'],
		workdays: []
	};

	it('merging an extension covers the new year', () => {
		const merged = mergeCalendars(CN, ext2027);
		expect(merged.version).toBe('cn-2025-2026.1+cn-2027-test');
		expect(isWorkingDay('2027-01-01', merged)).toBe(false);
		expect(addWorkingDays('2026-12-31T02:00:00.000Z', 1, merged)).toBe('2027-01-04T15:59:59.999Z');
	});

	it('the extension wins on a date both mention', () => {
		const correction: HolidayCalendar = {
			version: 'fix',
			timeZone: 'Asia/Shanghai',
			holidays: ['2026-10-10'],
			workdays: []
		};
		const merged = mergeCalendars(CN, correction);
		expect(isWorkingDay('2026-10-10', merged)).toBe(false);
		expect(merged.workdays).not.toContain('2026-10-10');
	});

	it('rejects a make-up day that is not on a weekend', () => {
		expect(codeOf(() => validateCalendar({ ...ext2027, workdays: ['2027-01-06'] }))).toBe(
			'calendar.invalid'
		);
	});

	it('rejects a date listed both ways, malformed dates and a wrong zone', () => {
		expect(
			codeOf(() =>
				validateCalendar({ ...ext2027, holidays: ['2027-01-02'], workdays: ['2027-01-02'] })
			)
		).toBe('calendar.invalid');
		expect(codeOf(() => validateCalendar({ ...ext2027, holidays: ['2027-02-29'] }))).toBe(
			'calendar.invalid'
		);
		expect(codeOf(() => validateCalendar({ ...ext2027, timeZone: 'UTC' }))).toBe(
			'calendar.invalid'
		);
	});

	it('rejects an invalid date in isWorkingDay', () => {
		expect(codeOf(() => isWorkingDay('2026-13-01', CN))).toBe('calendar.invalid_date');
	});
});
