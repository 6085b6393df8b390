/**
 * An error a user can act on. `code` is stable (tests and API clients match on it),
 * `messageKey` names the i18n message, `field` points at the offending input when there is one.
 */
export class DomainError extends Error {
	readonly code: string;
	readonly messageKey: string;
	readonly field: string | undefined;
	readonly details: Record<string, unknown> | undefined;

	constructor(
		code: string,
		message: string,
		options: { messageKey?: string; field?: string; details?: Record<string, unknown> } = {}
	) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.messageKey = options.messageKey ?? `error.${code}`;
		this.field = options.field;
		this.details = options.details;
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return e instanceof DomainError;
}
