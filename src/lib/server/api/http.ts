import { DomainError, invalidInput, notFound } from '../../domain/errors';
import type { EventStore } from '../events/store';
import { logger } from '../log';
import { refusalOf, type Refusal } from '../refusal';
import { ApiError, OPERATIONS, type ApiCaller, type Operation } from './operations';

/**
 * HTTP around the operations table: authentication result in, JSON out. Every refusal is a 4xx
 * with a stable `code` and, for bad input, field-level `errors`; its status is the one every
 * surface gives its kind (../refusal.ts). A refused request appends nothing (the command either
 * runs whole in one transaction or not at all).
 */

/** Bodies above this are refused before parsing (413). */
export const MAX_BODY_BYTES = 256 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** A token bucket per API token: `capacity` requests at once, refilled at `perMinute`. */
export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();
	constructor(
		private readonly capacity = 30,
		private readonly perMinute = 120,
		private readonly now: () => number = Date.now
	) {}

	/** Seconds to wait, or 0 when the request may go ahead (and is counted). */
	take(key: string): number {
		const t = this.now();
		const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
		b.tokens = Math.min(this.capacity, b.tokens + ((t - b.at) / 60_000) * this.perMinute);
		b.at = t;
		this.buckets.set(key, b);
		if (b.tokens < 1) return Math.ceil(((1 - b.tokens) / this.perMinute) * 60);
		b.tokens -= 1;
		return 0;
	}
}

export const defaultLimiter = new RateLimiter();

export interface ApiRequestDeps {
	caller: ApiCaller | null;
	store: EventStore;
	params: Record<string, string>;
	limiter?: RateLimiter;
	now?: Date;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});

const answer = (
	r: Pick<Refusal, 'code' | 'message' | 'issues'> & { status: number },
	headers: Record<string, string> = {}
) =>
	json(
		r.status,
		{
			error: {
				code: r.code,
				message: r.message,
				...(r.issues.length
					? { errors: r.issues.map(({ field, message }) => ({ field, message })) }
					: {})
			}
		},
		headers
	);

/** An HTTP-envelope refusal (401, 413, 415, 429) as an answer. */
const envelope = (e: ApiError, headers: Record<string, string> = {}) =>
	answer({ status: e.status, code: e.code, message: e.message, issues: [] }, headers);

export function operation(id: string): Operation {
	const op = OPERATIONS.find((o) => o.id === id);
	if (!op) throw new Error(`no API operation ${id}`);
	return op;
}

/** Reads and validates the JSON body of `request` against the operation's schema. */
async function readBody(op: Operation, request: Request): Promise<unknown> {
	if (!op.body) return undefined;
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type))
		throw new ApiError(415, 'unsupported_media_type', 'send JSON (Content-Type: application/json)');
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BODY_BYTES) throw new ApiError(413, 'too_large', 'request body too large');
	const text = await request.text();
	if (Buffer.byteLength(text) > MAX_BODY_BYTES)
		throw new ApiError(413, 'too_large', 'request body too large');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new DomainError('malformed', 'malformed_json', 'the body is not valid JSON');
	}
	const parsed = op.body.safeParse(value);
	if (!parsed.success) throw invalidInput(parsed.error, { root: '(body)' });
	return parsed.data;
}

/**
 * A refusal as the API answers it. Another organisation's incident must be indistinguishable
 * from a missing one, so on `/incidents/{id}…` a `forbidden` answers as `not_found`.
 */
function apiRefusal(op: Operation, r: Refusal): Refusal {
	if (r.kind === 'forbidden' && op.path.startsWith('/incidents/{id}'))
		return refusalOf(notFound('no such incident')) ?? r;
	return r;
}

export async function handleApiRequest(
	op: Operation,
	request: Request,
	deps: ApiRequestDeps
): Promise<Response> {
	try {
		if (!deps.caller)
			throw new ApiError(
				401,
				'unauthorized',
				'a valid API token is required (Authorization: Bearer …)'
			);
		const wait = (deps.limiter ?? defaultLimiter).take(deps.caller.tokenId);
		if (wait > 0)
			return envelope(new ApiError(429, 'rate_limited', 'too many requests'), {
				'retry-after': String(wait)
			});
		const key = request.headers.get('idempotency-key') ?? undefined;
		if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
			throw new DomainError(
				'malformed',
				'invalid_idempotency_key',
				'Idempotency-Key: 1–200 of A-Z a-z 0-9 . _ : -',
				{ field: 'Idempotency-Key' }
			);
		const body = await readBody(op, request);
		const result = await op.run(
			{
				caller: deps.caller,
				store: deps.store,
				params: deps.params,
				...(key ? { idempotencyKey: key } : {}),
				...(deps.now ? { now: deps.now } : {})
			},
			body as never
		);
		if (result.duplicate) return json(200, result.body, { 'idempotent-replayed': 'true' });
		return json(op.created ? 201 : 200, result.body);
	} catch (err) {
		if (err instanceof ApiError)
			return envelope(err, err.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
		const refusal = refusalOf(err);
		if (refusal) return answer(apiRefusal(op, refusal));
		logger('api').error({ err, op: op.id }, 'API request failed');
		return json(500, { error: { code: 'internal', message: 'internal error' } });
	}
}
