import days from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import pkg from 'chinese-days/package.json' with { type: 'json' };
import { validateCalendar, type HolidayCalendar } from './calendar';

/**
 * The mainland working-day calendar as shipped: every State Council holiday notice that the
 * `chinese-days` package (MIT) has entered, 2004 onwards. The package tracks the notices (the
 * 2025 and 2026 entries match 国办发明电〔2024〕12号 and 〔2025〕7号 day for day; see
 * `official.test.ts`), so a dependency update brings next year's arrangement. Until then an
 * administrator enters it (`AmendCalendar`, audited, at /admin/calendar) and clocks that count
 * working days through a year neither has are marked provisional.
 *
 * `holidays` are the package's days off (statutory and in lieu); `workdays` its make-up working
 * days (调休), which always fall on a weekend.
 */
export const CN_CALENDAR: HolidayCalendar = validateCalendar({
	version: `chinese-days@${pkg.version}`,
	timeZone: 'Asia/Shanghai',
	holidays: Object.keys(days.holidays).sort(),
	workdays: Object.keys(days.workdays).sort()
});
