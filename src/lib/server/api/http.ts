import { isDomainError } from '../../domain/errors';
import { ConcurrencyError, type EventStore } from '../events/store';
import { logger } from '../log';
import { ApiError, OPERATIONS, type ApiCaller, type Operation } from './operations';

/**
 * HTTP around the operations table: authentication result in, JSON out. Every refusal is a 4xx
 * with a stable `code` and, for bad input, field-level `errors`; a refused request appends
 * nothing (the command either runs whole in one transaction or not at all).
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

const refusal = (e: ApiError, headers: Record<string, string> = {}) =>
	json(
		e.status,
		{
			error: { code: e.code, message: e.message, ...(e.errors.length ? { errors: e.errors } : {}) }
		},
		headers
	);

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
		throw new ApiError(400, 'malformed_json', 'the body is not valid JSON');
	}
	const parsed = op.body.safeParse(value);
	if (!parsed.success)
		throw new ApiError(
			422,
			'invalid_input',
			'the request does not match the schema',
			parsed.error.issues.slice(0, 50).map((i) => ({
				field: i.path.map(String).join('.') || '(body)',
				message: i.message
			}))
		);
	return parsed.data;
}

const CONFLICTS =
	/(^|\.)(invalid_transition|already_[a-z_]+|zero_report_duplicate|level_unchanged|over_capacity|level_mismatch)$/;

/** A domain refusal as HTTP: conflicts with the current state 409, bad input 422. */
function fromDomain(
	op: Operation,
	err: { code: string; message: string; field?: string }
): ApiError {
	if (err.code === 'forbidden' || err.code.endsWith('.forbidden')) {
		// Another organisation's incident must be indistinguishable from a missing one.
		return op.path.startsWith('/incidents/{id}')
			? new ApiError(404, 'not_found', 'no such incident')
			: new ApiError(403, 'forbidden', err.message);
	}
	if (err.code.endsWith('.not_found')) return new ApiError(404, 'not_found', err.message);
	if (CONFLICTS.test(err.code)) return new ApiError(409, err.code, err.message);
	return new ApiError(
		422,
		err.code,
		err.message,
		err.field ? [{ field: err.field, message: err.message }] : []
	);
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
			return refusal(new ApiError(429, 'rate_limited', 'too many requests'), {
				'retry-after': String(wait)
			});
		const key = request.headers.get('idempotency-key') ?? undefined;
		if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
			throw new ApiError(
				400,
				'invalid_idempotency_key',
				'Idempotency-Key: 1–200 of A-Z a-z 0-9 . _ : -',
				[{ field: 'Idempotency-Key', message: 'invalid' }]
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
			return refusal(err, err.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
		if (err instanceof ConcurrencyError)
			return refusal(new ApiError(409, 'conflict', 'the incident changed meanwhile; retry'));
		if (isDomainError(err)) return refusal(fromDomain(op, err));
		logger('api').error({ err, op: op.id }, 'API request failed');
		return json(500, { error: { code: 'internal', message: 'internal error' } });
	}
}
