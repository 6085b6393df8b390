import type { TFunction } from 'i18next';

/** What a console form action returned (see $lib/server/ops/forms.ts), as the page sees it. */
export interface FormResult {
	formId?: string;
	ok?: boolean;
	code?: string;
	message?: string;
	errors?: Record<string, string>;
	id?: string;
}

/** A message key or code from the server, in words. */
export function errorText(t: TFunction, code: string): string {
	return t(`ops.error.${code}`, { defaultValue: code });
}

/** The error of one field of one form, if the last submission of that form refused it. */
export function fieldError(
	t: TFunction,
	form: FormResult | null | undefined,
	formId: string,
	field: string
): string | undefined {
	if (!form || form.ok !== false || form.formId !== formId) return undefined;
	const code = form.errors?.[field];
	return code ? errorText(t, code) : undefined;
}

/** Errors of a refused form that belong to no visible field (shown at the top of the form). */
export function formErrors(
	t: TFunction,
	form: FormResult | null | undefined,
	formId: string,
	fields: readonly string[]
): string[] {
	if (!form || form.ok !== false || form.formId !== formId) return [];
	const rest = Object.entries(form.errors ?? {})
		.filter(([f]) => !fields.includes(f))
		.map(([, code]) => errorText(t, code));
	return rest.length > 0 ? rest : [errorText(t, form.code ?? 'internal')];
}
