import { z } from 'zod';
import type { DecideContext } from '../decider';
import { DomainError } from '../errors';
import {
	holidayCalendarSchema,
	mergeCalendars,
	validateCalendar,
	type HolidayCalendar
} from './calendar';
import { CN_CALENDAR } from './official';

/**
 * The working-day calendar as something an administrator extends in the log: each amendment
 * (next year's State Council notice, a local holiday) is an event, so a deadline computed last
 * year can still be explained with the calendar in force then.
 */
export const calendarEventSchemas = {
	CalendarAmended: z.object({
		at: z.iso.datetime(),
		by: z.string().min(1),
		reason: z.string().trim().min(1).max(500),
		extension: holidayCalendarSchema
	})
} as const;

export type CalendarEvent = {
	type: 'CalendarAmended';
	data: z.infer<(typeof calendarEventSchemas)['CalendarAmended']>;
};
export type CalendarCommand = {
	type: 'AmendCalendar';
	data: { extension: HolidayCalendar; reason: string };
};
export interface CalendarState {
	calendar: HolidayCalendar;
	amendments: { at: string; by: string; reason: string; version: string }[];
}

export const initialState: CalendarState = { calendar: CN_CALENDAR, amendments: [] };

export function decide(
	command: CalendarCommand,
	_state: CalendarState,
	ctx: DecideContext
): CalendarEvent[] {
	if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'ministry') {
		throw new DomainError(
			'forbidden',
			'forbidden',
			'only an administrator or the ministry amends the calendar'
		);
	}
	const reason = command.data.reason.trim();
	if (!reason)
		throw new DomainError('invalid', 'calendar.reason_required', 'say why', { field: 'reason' });
	const extension = validateCalendar(command.data.extension);
	return [{ type: 'CalendarAmended', data: { at: ctx.now, by: ctx.actor.id, reason, extension } }];
}

export function evolve(state: CalendarState, event: CalendarEvent): CalendarState {
	const { extension, at, by, reason } = event.data;
	return {
		calendar: mergeCalendars(state.calendar, extension),
		amendments: [...state.amendments, { at, by, reason, version: extension.version }]
	};
}
