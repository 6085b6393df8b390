import { z } from 'zod';
import type { DecideContext } from '../decider';
import { DomainError } from '../errors';

/**
 * The duty log (值班日志): free-text entries by the officer on duty, e.g. shift hand-over notes
 * and phone calls received. The simplest event in the log, and the first one a wall shows.
 */
export const dutyLogEntrySchema = z.object({
	at: z.iso.datetime(),
	by: z.string().min(1).max(200),
	text: z.string().trim().min(1).max(2000)
});
export type DutyLogEntry = z.infer<typeof dutyLogEntrySchema>;

export const dutyLogEventSchemas = {
	DutyLogEntryRecorded: dutyLogEntrySchema
} as const;

export type DutyLogCommand = { type: 'RecordDutyLogEntry'; text: string };
export type DutyLogEvent = { type: 'DutyLogEntryRecorded'; data: DutyLogEntry };
/** The duty log keeps no state worth deciding on: every entry is accepted if it has text. */
export type DutyLogState = { entries: number };

export const dutyLog = {
	initialState: { entries: 0 } as DutyLogState,
	decide(command: DutyLogCommand, _state: DutyLogState, ctx: DecideContext): DutyLogEvent[] {
		const text = command.text.trim();
		if (!text)
			throw new DomainError('invalid', 'dutylog.empty', 'write something', { field: 'text' });
		if (ctx.actor.role === 'display' || ctx.actor.role === 'admin') {
			throw new DomainError('forbidden', 'forbidden', 'this account cannot write the duty log');
		}
		return [{ type: 'DutyLogEntryRecorded', data: { at: ctx.now, by: ctx.actor.id, text } }];
	},
	evolve(state: DutyLogState): DutyLogState {
		return { entries: state.entries + 1 };
	}
};
