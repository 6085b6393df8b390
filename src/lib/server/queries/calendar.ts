import type { CalendarState } from '../../domain/calendar/aggregate';
import { getEventStore } from '../events/app';
import { readCalendar } from '../ops/calendar';

/** The working-day calendar in force now: shipped data plus every administrator amendment. */
export async function currentCalendar(): Promise<CalendarState> {
	return readCalendar(await getEventStore());
}
