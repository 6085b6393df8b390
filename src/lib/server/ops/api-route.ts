import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { ApiCaller } from '../api/operations';
import { handleApiRequest, operation } from '../api/http';
import { getEventStore } from '../events/app';

/**
 * The API token's caller for a request. The one place the API routes learn who calls: until
 * the accounts module's token authentication is wired in here, nobody is authenticated and
 * every call is answered 401 by handleApiRequest.
 */
export async function apiCallerOf(event: RequestEvent): Promise<ApiCaller | null> {
	void event;
	return null;
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
