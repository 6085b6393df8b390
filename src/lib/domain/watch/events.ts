import { z } from 'zod';
import { isYmd } from '../calendar';
import { clockOverridesSchema } from '../policy';
import { isRegionCode } from '../regions';

const iso = z.iso.datetime();
const text = z.string().trim().min(1).max(2000);
const region = z.string().refine(isRegionCode, { message: 'unknown region code' });

export const designatedProcessorSchema = z.object({ orgId: text, name: text, region });
export type DesignatedProcessor = z.infer<typeof designatedProcessorSchema>;

const base = { at: iso, by: text };

export const watchEventSchemas = {
	WatchPeriodCreated: z.object({
		...base,
		watchId: text,
		name: text,
		startsAt: iso,
		endsAt: iso,
		regions: z.array(region).min(1),
		clockOverrides: clockOverridesSchema,
		designatedProcessors: z.array(designatedProcessorSchema),
		drill: z.boolean()
	}),
	/** Carries the full new values of what changed, so a reader needs no diffing. */
	WatchPeriodAmended: z.object({
		...base,
		reason: text,
		name: text.optional(),
		startsAt: iso.optional(),
		endsAt: iso.optional(),
		regions: z.array(region).min(1).optional(),
		clockOverrides: clockOverridesSchema.optional(),
		designatedProcessors: z.array(designatedProcessorSchema).optional()
	}),
	WatchPeriodEnded: z.object({ ...base, reason: text.optional() }),
	ZeroReportSubmitted: z.object({
		...base,
		orgId: text,
		/** China-time date the check-in is for. */
		date: z.string().refine(isYmd, { message: 'YYYY-MM-DD' }),
		note: text.optional()
	})
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type WatchEventType = keyof typeof watchEventSchemas;
export type WatchEvent = {
	[K in WatchEventType]: { type: K; data: z.infer<(typeof watchEventSchemas)[K]> };
}[WatchEventType];
export type WatchEventOf<K extends WatchEventType> = Extract<WatchEvent, { type: K }>;

export type WatchCommand =
	| {
			type: 'CreateWatchPeriod';
			data: {
				watchId: string;
				name: string;
				startsAt: string;
				endsAt: string;
				regions: string[];
				clockOverrides: z.infer<typeof clockOverridesSchema>;
				designatedProcessors: DesignatedProcessor[];
				drill?: boolean;
			};
	  }
	| {
			type: 'AmendWatchPeriod';
			data: {
				reason: string;
				name?: string;
				startsAt?: string;
				endsAt?: string;
				regions?: string[];
				clockOverrides?: z.infer<typeof clockOverridesSchema>;
				designatedProcessors?: DesignatedProcessor[];
			};
	  }
	| { type: 'EndWatchPeriod'; data: { reason?: string } }
	| { type: 'SubmitZeroReport'; data: { orgId: string; date: string; note?: string } };
