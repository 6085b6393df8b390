/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, arrays in order.
 * Used for the hash chain, so it must give the same text for a payload before it is written
 * and after it is read back from jsonb (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		const s = JSON.stringify(value);
		if (s === undefined) throw new TypeError(`not JSON-serialisable: ${typeof value}`);
		return s;
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const obj = value as Record<string, unknown>;
	const keys = Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
