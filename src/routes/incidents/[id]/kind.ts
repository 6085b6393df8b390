import type { DocumentKind } from '$lib/server/reports';
import { statusOf, type RefusalStatus } from '$lib/server/refusal';

/** `?kind=summary|incident` (default summary); anything else is a malformed request naming the field. */
export function parseKind(
	value: string | null
): { ok: true; kind: DocumentKind } | { ok: false; status: RefusalStatus; message: string } {
	if (value === null || value === 'summary') return { ok: true, kind: 'summary' };
	if (value === 'incident') return { ok: true, kind: 'incident' };
	return {
		ok: false,
		status: statusOf('malformed'),
		message: 'kind: expected "summary" or "incident"'
	};
}
