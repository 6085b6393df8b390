import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { ApiCaller } from '../api/operations';
import { handleApiRequest, operation } from '../api/http';
import { getAuth } from '../auth';
import { getEventStore } from '../events/app';

/** The processor organisation behind the request's API token (accounts module), or null → 401. */
export async function apiCallerOf(event: RequestEvent): Promise<ApiCaller | null> {
	return (await getAuth()).authenticateApiToken(event.request);
}

/** A `+server.ts` handler for one entry of the operations table. */
export function apiRoute(operationId: string): RequestHandler {
	const op = operation(operationId);
	return async (event) =>
		handleApiRequest(op, event.request, {
			caller: await apiCallerOf(event),
			store: await getEventStore(),
			params: event.params as Record<string, string>
		});
}
