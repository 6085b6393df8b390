import { z } from 'zod';
import type { IncidentStatus } from '../incident/evolve';
import { SECTORS } from '../levels';
import { isRegionCode } from '../regions';

const iso = z.iso.datetime();
const text = z.string().trim().min(1).max(2000);
const region = z.string().refine(isRegionCode, { message: 'unknown region code' });

export const CAPABILITIES = ['forensics', 'recovery', 'tracing', 'monitoring'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A registry entry (应急支撑机构). Ministry-tier agencies serve the whole country. */
export const agencySchema = z.object({
	id: text,
	name: text,
	tier: z.enum(['ministry', 'local']),
	regionsServed: z.array(region).min(1),
	capabilities: z.array(z.enum(CAPABILITIES)).min(1),
	/** How many incidents it can work at once. */
	capacity: z.number().int().positive(),
	contact: z.object({ name: text, phone: text, email: text.optional() })
});
export type Agency = z.infer<typeof agencySchema>;

const base = { at: iso, by: text };

export const agencyEventSchemas = {
	AgencyRegistered: z.object({ ...base, agency: agencySchema }),
	AgencyAssigned: z.object({
		...base,
		assignmentId: text,
		incidentId: text,
		incidentRegion: region,
		incidentSector: z.enum(SECTORS),
		capability: z.enum(CAPABILITIES),
		drill: z.boolean()
	}),
	AssignmentAccepted: z.object({ ...base, assignmentId: text }),
	AssignmentDeclined: z.object({ ...base, assignmentId: text, reason: text }),
	AgencyProgressRecorded: z.object({
		...base,
		assignmentId: text,
		note: text,
		/** The team is on site (or connected to the affected systems): stops the arrival clock. */
		onSite: z.boolean()
	}),
	AgencyReleased: z.object({ ...base, assignmentId: text, reason: text.optional() })
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type AgencyEventType = keyof typeof agencyEventSchemas;
export type AgencyEvent = {
	[K in AgencyEventType]: { type: K; data: z.infer<(typeof agencyEventSchemas)[K]> };
}[AgencyEventType];
export type AgencyEventOf<K extends AgencyEventType> = Extract<AgencyEvent, { type: K }>;

export type AgencyCommand =
	| { type: 'RegisterAgency'; data: { agency: Agency } }
	| {
			type: 'AssignAgency';
			data: {
				assignmentId: string;
				incidentId: string;
				/** Copied from the incident by the command handler: scopes who may assign. */
				incidentRegion: string;
				incidentSector: (typeof SECTORS)[number];
				/** Copied likewise: agencies are called in only while the incident is handled. */
				incidentStatus: IncidentStatus;
				capability: Capability;
				drill?: boolean;
			};
	  }
	| { type: 'AcceptAssignment'; data: { assignmentId: string } }
	| { type: 'DeclineAssignment'; data: { assignmentId: string; reason: string } }
	| { type: 'RecordAgencyProgress'; data: { assignmentId: string; note: string; onSite?: boolean } }
	| { type: 'ReleaseAgency'; data: { assignmentId: string; reason?: string } };
