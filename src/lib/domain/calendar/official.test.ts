import { describe, expect, it } from 'vitest';
import { calendarCoveredUntil, calendarCovers, isWorkingDay } from './calendar';
import { CN_CALENDAR_2025_2026 } from './cn-2025-2026';
import { CN_CALENDAR } from './official';

describe('the shipped calendar (chinese-days)', () => {
	it('agrees day for day with the 2025 and 2026 notices as checked by hand', () => {
		const inYears = (ds: readonly string[]) =>
			ds.filter((d) => d.startsWith('2025') || d.startsWith('2026'));
		expect(inYears(CN_CALENDAR.holidays)).toEqual([...CN_CALENDAR_2025_2026.holidays].sort());
		expect(inYears(CN_CALENDAR.workdays)).toEqual([...CN_CALENDAR_2025_2026.workdays].sort());
	});

	it('covers the years since the plan took effect, and says where it ends', () => {
		for (const d of ['2024-11-01', '2025-06-01', '2026-12-31'])
			expect(calendarCovers(CN_CALENDAR, d)).toBe(true);
		expect(calendarCoveredUntil(CN_CALENDAR)).toBe('2026-12-31');
		// 2024-10-01 国庆 and the make-up Saturday 2024-10-12.
		expect(isWorkingDay('2024-10-01', CN_CALENDAR)).toBe(false);
		expect(isWorkingDay('2024-10-12', CN_CALENDAR)).toBe(true);
	});
});
