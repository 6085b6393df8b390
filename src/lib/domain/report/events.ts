import { z } from 'zod';

const iso = z.iso.datetime();
const text = z.string().trim().min(1).max(2000);

export const REPORT_KINDS = ['incident', 'summary', 'audit'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['docx', 'html', 'zip'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * An export of an incident's documents, logged in stream `export-<incidentId>`: who took which
 * document out of the system, built from which log position (seq and chain hash), and the
 * SHA-256 of the bytes handed out so a copy found later can be matched to its export.
 */
export const reportEventSchemas = {
	ReportExported: z.object({
		at: iso,
		by: text,
		incidentId: text,
		kind: z.enum(REPORT_KINDS),
		format: z.enum(REPORT_FORMATS),
		positionSeq: z.number().int().nonnegative(),
		positionHash: z.string().regex(/^[0-9a-f]{64}$/),
		sha256: z
			.string()
			.regex(/^[0-9a-f]{64}$/)
			.optional()
	})
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type ReportExported = z.infer<(typeof reportEventSchemas)['ReportExported']>;
