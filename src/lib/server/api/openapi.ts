import { z } from 'zod';
import { REFUSALS } from '../refusal';
import { OPERATIONS } from './operations';

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the operations table and their zod
 * schemas (OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits directly).
 */
export function openApiDocument(serverUrl: string) {
	const error = {
		type: 'object',
		required: ['error'],
		properties: {
			error: {
				type: 'object',
				required: ['code', 'message'],
				properties: {
					code: { type: 'string' },
					message: { type: 'string' },
					errors: {
						type: 'array',
						items: {
							type: 'object',
							required: ['field', 'message'],
							properties: { field: { type: 'string' }, message: { type: 'string' } }
						}
					}
				}
			}
		}
	};
	const refusal = (description: string) => ({
		description,
		content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
	});
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of OPERATIONS) {
		const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: { type: 'string' }
		}));
		const body = op.body
			? (() => {
					const { $schema: _drop, ...schema } = z.toJSONSchema(op.body, {
						target: 'draft-2020-12',
						io: 'input',
						unrepresentable: 'any'
					}) as Record<string, unknown>;
					void _drop;
					return { required: true, content: { 'application/json': { schema } } };
				})()
			: undefined;
		paths[op.path] ??= {};
		paths[op.path]![op.method.toLowerCase()] = {
			operationId: op.id,
			summary: op.summary.en,
			description: op.summary.zh,
			parameters: [
				...params,
				...(op.method === 'POST'
					? [
							{
								name: 'Idempotency-Key',
								in: 'header',
								required: false,
								description:
									'Retries with the same key return the original result (header Idempotent-Replayed: true) and change nothing.',
								schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,200}$' }
							}
						]
					: [])
			],
			...(body ? { requestBody: body } : {}),
			responses: {
				[op.created ? '201' : '200']: {
					description: 'done',
					content: { 'application/json': { schema: { type: 'object' } } }
				},
				...(op.created
					? { '200': { description: 'a retry with a known Idempotency-Key: the original result' } }
					: {}),
				...Object.fromEntries(
					Object.values(REFUSALS).map((r) => [String(r.status), refusal(r.description)])
				),
				'401': refusal('missing or invalid API token'),
				'413': refusal('body too large'),
				'415': refusal('not JSON'),
				'429': refusal('rate limited; see Retry-After')
			}
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Fenghuo processor API',
			version: '1.0.0',
			description:
				'数据处理者系统对接接口：事件报告（附件2）、自评定级、进展、总结报告（附件3）与重大活动保障期零报告。 Data processors report incidents, progress and summaries, and check in during watch periods.'
		},
		servers: [{ url: `${serverUrl.replace(/\/$/, '')}/api/v1` }],
		security: [{ bearer: [] }],
		components: {
			securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
			schemas: { Error: error }
		},
		paths
	};
}
