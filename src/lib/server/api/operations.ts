import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { evaluate, incidentFactsSchema, NATIONAL_RULESET_2024 } from '../../domain/grading';
import {
	incidentReportSchema,
	summarySchema,
	type IncidentCommand,
	type IncidentEvent,
	type IncidentState
} from '../../domain/incident';
import { notFound } from '../../domain/errors';
import { LEVELS } from '../../domain/levels';
import type { WatchCommand } from '../../domain/watch';
import { incidentAggregate, watchAggregate } from '../commands/aggregates';
import { execute, toDomain, type CommandContext, type CommandResult } from '../commands/execute';
import type { EventStore } from '../events/store';

/**
 * The processor API (`/api/v1`) as data: each operation names its method, path, request schema
 * and the domain command it runs. The routes, the OpenAPI document and the tests all read this
 * one table, so they cannot drift apart.
 */

/** Who calls: a processor organisation's system, identified by its API token. */
export interface ApiCaller {
	actor: Actor & { role: 'processor'; orgId: string };
	orgName: string;
	tokenId: string;
}

export interface OperationContext {
	caller: ApiCaller;
	store: EventStore;
	params: Record<string, string>;
	idempotencyKey?: string;
	now?: Date;
}

const id = z
	.string()
	.trim()
	.min(1)
	.max(100)
	.regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** The attachment-2 report, without what the token already says (organisation) or drills. */
export const reportBody = z
	.object({
		incidentId: id.optional(),
		report: incidentReportSchema.omit({ organisation: true, drill: true }).strict()
	})
	.strict();

export const gradeBody = z
	.object({
		facts: incidentFactsSchema,
		/** The processor's own level; defaults to the level the rule set gives the facts. */
		level: z.enum(LEVELS).optional(),
		signedOff: z.boolean().optional()
	})
	.strict();

export const noteBody = z.object({ note: z.string().trim().min(1).max(20_000) }).strict();
export const firstHandlingBody = z
	.object({ measures: z.string().trim().min(1).max(20_000) })
	.strict();
export const levelChangeBody = z
	.object({ level: z.enum(LEVELS), reason: z.string().trim().min(1).max(20_000) })
	.strict();
export const summaryBody = z.object({ summary: summarySchema.strict() }).strict();
export const zeroReportBody = z
	.object({
		date: z.iso.date(),
		note: z.string().trim().min(1).max(2000).optional()
	})
	.strict();

export interface Operation<B extends z.ZodType = z.ZodType> {
	id: string;
	method: 'POST' | 'GET';
	/** OpenAPI path template. */
	path: string;
	summary: { zh: string; en: string };
	body?: B;
	/** 201 for a new resource, else 200. */
	created?: boolean;
	run(ctx: OperationContext, body: z.infer<B>): Promise<ApiResult>;
}

export interface ApiResult {
	body: Record<string, unknown>;
	duplicate: boolean;
}

const incidentCommand = async (
	ctx: OperationContext,
	command: IncidentCommand
): Promise<CommandResult<IncidentState>> =>
	execute(ctx.store, incidentAggregate, incidentId(ctx), command, commandContext(ctx));

const incidentId = (ctx: OperationContext) => ctx.params.id ?? '';
/**
 * The command context of an API call: the caller's actor, and its idempotency key scoped per
 * organisation (two organisations may pick the same key).
 */
const commandContext = (ctx: OperationContext): CommandContext => ({
	actor: ctx.caller.actor,
	...(ctx.now ? { now: ctx.now } : {}),
	...(ctx.idempotencyKey
		? { idempotencyKey: `api:${ctx.caller.actor.orgId}:${ctx.idempotencyKey}` }
		: {})
});

function summaryOf(result: CommandResult<IncidentState>, extra: Record<string, unknown> = {}) {
	const s = result.state;
	return {
		body: {
			seq: result.seq,
			events: result.events.map((e) => ({ seq: e.seq, type: e.type })),
			incident:
				s.status === 'none' ? null : { incidentId: s.incidentId, status: s.status, level: s.level },
			...extra
		},
		duplicate: result.duplicate
	};
}

export const OPERATIONS: readonly Operation[] = [
	{
		id: 'reportIncident',
		method: 'POST',
		path: '/incidents',
		summary: {
			zh: '报告数据安全事件（附件2）',
			en: 'Report a data-security incident (attachment 2)'
		},
		body: reportBody,
		created: true,
		async run(ctx, body: z.infer<typeof reportBody>) {
			const incidentId = body.incidentId ?? randomUUID();
			const report = {
				...body.report,
				organisation: { orgId: ctx.caller.actor.orgId, name: ctx.caller.orgName },
				drill: false
			};
			const result = await execute(
				ctx.store,
				incidentAggregate,
				incidentId,
				{ type: 'ReportIncident', data: { incidentId, report } },
				commandContext(ctx)
			);
			return summaryOf(result);
		}
	},
	{
		id: 'startFirstHandling',
		method: 'POST',
		path: '/incidents/{id}/first-handling',
		summary: { zh: '报告先期处置', en: 'Report first handling' },
		body: firstHandlingBody,
		async run(ctx, body: z.infer<typeof firstHandlingBody>) {
			return summaryOf(
				await incidentCommand(ctx, {
					type: 'StartFirstHandling',
					data: { measures: body.measures }
				})
			);
		}
	},
	{
		id: 'selfGrade',
		method: 'POST',
		path: '/incidents/{id}/grade',
		summary: {
			zh: '自评定级（按附件1规则计算并说明依据）',
			en: 'Self-grade (evaluated against the attachment-1 rule set, with the criteria that fired)'
		},
		body: gradeBody,
		async run(ctx, body: z.infer<typeof gradeBody>) {
			const grading = evaluate(body.facts, NATIONAL_RULESET_2024);
			const fired = grading.fired.map((f) => f.criterionId);
			const result = await incidentCommand(ctx, {
				type: 'SelfGrade',
				data: {
					level: body.level ?? grading.level,
					ruleSetVersion: grading.ruleSetVersion,
					firedCriteria: fired.length > 0 ? fired : ['other.general'],
					...(body.signedOff !== undefined ? { signedOff: body.signedOff } : {})
				}
			});
			return summaryOf(result, {
				grading: {
					level: grading.level,
					ruleSetVersion: grading.ruleSetVersion,
					fired,
					couldRaiseTo: grading.couldRaiseTo,
					explanation: grading.explanation
				}
			});
		}
	},
	{
		id: 'recordProgress',
		method: 'POST',
		path: '/incidents/{id}/progress',
		summary: { zh: '报告处置进展', en: 'Report progress' },
		body: noteBody,
		async run(ctx, body: z.infer<typeof noteBody>) {
			return summaryOf(await incidentCommand(ctx, { type: 'RecordProgress', data: body }));
		}
	},
	{
		id: 'requestLevelChange',
		method: 'POST',
		path: '/incidents/{id}/level-change-requests',
		summary: { zh: '申请调整事件级别', en: 'Request a level change' },
		body: levelChangeBody,
		async run(ctx, body: z.infer<typeof levelChangeBody>) {
			return summaryOf(await incidentCommand(ctx, { type: 'RequestLevelChange', data: body }));
		}
	},
	{
		id: 'submitSummary',
		method: 'POST',
		path: '/incidents/{id}/summary',
		summary: { zh: '报送总结报告（附件3）', en: 'Submit the summary report (attachment 3)' },
		body: summaryBody,
		async run(ctx, body: z.infer<typeof summaryBody>) {
			return summaryOf(await incidentCommand(ctx, { type: 'SubmitSummary', data: body }));
		}
	},
	{
		id: 'submitZeroReport',
		method: 'POST',
		path: '/watches/{id}/zero-reports',
		summary: {
			zh: '重大活动保障期零报告',
			en: 'Zero-report check-in during a watch period'
		},
		body: zeroReportBody,
		async run(ctx, body: z.infer<typeof zeroReportBody>) {
			const command: WatchCommand = {
				type: 'SubmitZeroReport',
				data: {
					orgId: ctx.caller.actor.orgId,
					date: body.date,
					...(body.note ? { note: body.note } : {})
				}
			};
			const result = await execute(
				ctx.store,
				watchAggregate,
				ctx.params.id ?? '',
				command,
				commandContext(ctx)
			);
			return {
				body: { seq: result.seq, events: result.events.map((e) => ({ seq: e.seq, type: e.type })) },
				duplicate: result.duplicate
			};
		}
	},
	{
		id: 'getIncident',
		method: 'GET',
		path: '/incidents/{id}',
		summary: { zh: '查询本单位事件状态', en: "Read one of the organisation's incidents" },
		async run(ctx) {
			const events = await ctx.store.readStream(incidentAggregate.stream(incidentId(ctx)));
			const state = events
				.map((e) => toDomain<IncidentEvent>(e))
				.reduce(incidentAggregate.decider.evolve, incidentAggregate.decider.initialState);
			const orgs = [ctx.caller.actor.orgId, ...(ctx.caller.actor.subsidiaries ?? [])];
			// Someone else's incident is indistinguishable from a missing one.
			if (state.status === 'none' || !orgs.includes(state.orgId))
				throw notFound('no such incident');
			return {
				body: {
					incidentId: state.incidentId,
					status: state.status,
					level: state.level,
					seq: events.at(-1)?.seq ?? 0
				},
				duplicate: false
			};
		}
	}
];

/**
 * A refusal of the HTTP envelope itself (401 no token, 413 too large, 415 not JSON, 429 rate
 * limited): it says nothing about what was asked. Every other refusal is a DomainError, whose
 * kind gives its status (../refusal.ts).
 */
export class ApiError extends Error {
	constructor(
		readonly status: 401 | 413 | 415 | 429,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}
