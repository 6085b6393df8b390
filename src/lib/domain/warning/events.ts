import { z } from 'zod';
import { SECTORS, WARNING_COLOURS } from '../levels';
import { isRegionCode } from '../regions/index';

/** Events store instants as canonical UTC ISO strings ('…Z'); `decide` normalises offsets. */
const instant = z.iso.datetime();
const text = z.string().trim().min(1);

export const warningScopeSchema = z
	.object({
		regions: z.array(z.string().refine(isRegionCode, { message: 'unknown region code' })).min(1),
		sectors: z.array(z.enum(SECTORS)).min(1)
	})
	.strict();

export const warningIssuerSchema = z.discriminatedUnion('role', [
	z.object({ role: z.literal('ministry') }).strict(),
	z
		.object({
			role: z.literal('regulator'),
			region: z.string().refine(isRegionCode, { message: 'unknown region code' }),
			sector: z.enum(SECTORS)
		})
		.strict()
]);

const stamp = { at: instant, by: text };

export const warningIssuedData = z
	.object({
		warningId: text,
		colour: z.enum(WARNING_COLOURS),
		scope: warningScopeSchema,
		validFrom: instant,
		validUntil: instant,
		title: text,
		likelyHarm: text,
		requiredActions: z.array(text).min(1),
		handlingDeadline: instant.nullable(),
		recipients: z.array(text),
		/** The issuing body the plan asks every warning to name. */
		issuer: warningIssuerSchema,
		...stamp
	})
	.strict();

export const warningAdjustedData = z
	.object({
		warningId: text,
		fromColour: z.enum(WARNING_COLOURS),
		colour: z.enum(WARNING_COLOURS),
		reason: text,
		// The full values after the adjustment, so a reader of one event sees the warning as re-issued.
		scope: warningScopeSchema,
		validUntil: instant,
		requiredActions: z.array(text).min(1),
		...stamp
	})
	.strict();

export const warningLiftedData = z.object({ warningId: text, reason: text, ...stamp }).strict();

export const warningIncidentLinkedData = z
	.object({ warningId: text, incidentId: text, ...stamp })
	.strict();

export type WarningScope = z.infer<typeof warningScopeSchema>;
export type WarningIssuer = z.infer<typeof warningIssuerSchema>;

export type WarningEvent =
	| { type: 'WarningIssued'; data: z.infer<typeof warningIssuedData> }
	| { type: 'WarningAdjusted'; data: z.infer<typeof warningAdjustedData> }
	| { type: 'WarningLifted'; data: z.infer<typeof warningLiftedData> }
	| { type: 'WarningIncidentLinked'; data: z.infer<typeof warningIncidentLinkedData> };

/** Payload schema per event type; the event store validates every appended payload with these. */
export const warningEventSchemas = {
	WarningIssued: warningIssuedData,
	WarningAdjusted: warningAdjustedData,
	WarningLifted: warningLiftedData,
	WarningIncidentLinked: warningIncidentLinkedData
} as const satisfies Record<WarningEvent['type'], z.ZodType>;
