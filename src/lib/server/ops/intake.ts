import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { fieldIssues } from '../../domain/errors';
import { evaluate, NATIONAL_RULESET_2024 } from '../../domain/grading';
import { signOffRequired } from '../../domain/incident';
import { fieldOfPath, intakeGradeBody, intakeReportBody } from '../../components/ops/intake-model';
import { operation } from '../api/http';
import { gradeBody, reportBody, type ApiCaller } from '../api/operations';
import type { OpsDeps } from './commands';
import { attempt, invalidFields, notFound, one, type FormFields, type OpsResult } from './result';

/**
 * The processor's web intake (/report): the same request bodies, schemas and operations as the
 * processor API, run with the signed-in processor as caller: ReportIncident, then SelfGrade.
 * Both bodies are validated, and the 重大+ sign-off checked, before anything is appended, so a
 * refused form leaves no half-filed incident behind.
 */

export interface ProcessorAccount {
	actor: Actor;
	/** The organisation's registered name (the report's 涉事单位). */
	orgName: string;
}

export function isProcessor(actor: Actor | null): actor is Actor & { orgId: string } {
	return actor?.role === 'processor' && !!actor.orgId;
}

function check<T extends z.ZodType>(schema: T, value: unknown, errors: Record<string, string>) {
	const r = schema.safeParse(value);
	if (r.success) return r.data as z.infer<T>;
	for (const issue of fieldIssues(r.error.issues, { field: fieldOfPath }))
		errors[issue.field] ??= issue.code;
	return undefined;
}

export function fileIntake(
	deps: OpsDeps,
	account: ProcessorAccount,
	f: FormFields
): Promise<OpsResult> {
	return attempt('intake', async () => {
		const { actor } = account;
		if (!isProcessor(actor)) throw notFound('no processor');
		const errors: Record<string, string> = {};
		const report = check(reportBody, intakeReportBody(f), errors);
		const grade = check(gradeBody, intakeGradeBody(f), errors);
		if (report && grade) {
			const level = grade.level ?? evaluate(grade.facts, NATIONAL_RULESET_2024).level;
			// Checked before anything is appended, so a refused form files no half an incident.
			if (signOffRequired(level) && !grade.signedOff && !report.report.signedOff)
				errors.signedOff = 'signoff_required';
		}
		if (!report || !grade || Object.keys(errors).length > 0) throw invalidFields(errors);

		const caller: ApiCaller = {
			actor: actor as ApiCaller['actor'],
			orgName: account.orgName,
			tokenId: `web:${actor.id}`
		};
		// The form's one-time key doubles as the incident id: a double submit files one incident.
		const key = one(f, 'key');
		const incidentId = /^[0-9a-f-]{36}$/.test(key) ? key : randomUUID();
		const keyed = (suffix: string) =>
			/^[A-Za-z0-9-]{8,64}$/.test(key) ? { idempotencyKey: `web:${key}:${suffix}` } : {};
		const ctx = {
			caller,
			store: deps.store,
			params: { id: incidentId },
			...(deps.now ? { now: deps.now } : {})
		};
		await operation('reportIncident').run({ ...ctx, ...keyed('report') }, {
			...report,
			incidentId
		} as never);
		const graded = await operation('selfGrade').run({ ...ctx, ...keyed('grade') }, grade as never);
		return { seq: Number(graded.body.seq ?? 0), id: incidentId };
	});
}
