/**
 * A form's fields as plain data, read the same way in the browser (the intake form's live
 * grading) and on the server (the form actions): one string per name, or several for repeated
 * names (checkbox groups).
 */
export type FormFields = Record<string, string | string[] | undefined>;

export function formFields(data: FormData): FormFields {
	const out: FormFields = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = all.length > 1 ? all : all[0];
	}
	return out;
}

export const one = (f: FormFields, name: string): string => {
	const v = f[name];
	return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
};

export const many = (f: FormFields, name: string): string[] => {
	const v = f[name];
	return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
};

/** Non-empty lines of a textarea. */
export const lines = (f: FormFields, name: string): string[] =>
	one(f, name)
		.split(/\r?\n/)
		.map((s) => s.trim())
		.filter(Boolean);

/** A checkbox is ticked. */
export const checked = (f: FormFields, name: string): boolean => one(f, name) === 'on';
