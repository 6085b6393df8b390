import type { DocumentKind } from '$lib/server/reports';

/** `?kind=summary|incident` (default summary); anything else is a 400 naming the field. */
export function parseKind(
	value: string | null
): { ok: true; kind: DocumentKind } | { ok: false; message: string } {
	if (value === null || value === 'summary') return { ok: true, kind: 'summary' };
	if (value === 'incident') return { ok: true, kind: 'incident' };
	return { ok: false, message: 'kind: expected "summary" or "incident"' };
}
