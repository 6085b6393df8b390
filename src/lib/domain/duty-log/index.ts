import { z } from 'zod';

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

export const dutyLogStream = (region: string | 'national') => `dutylog-${region}`;
