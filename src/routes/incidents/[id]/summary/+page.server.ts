import { error, fail } from '@sveltejs/kit';
import { requesterOf, submitSummary, summaryForm, summaryFromForm } from '$lib/server/reports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const form = await summaryForm(requesterOf(locals), params.id);
	if (!form) error(404, { message: 'incident not found' });
	return { form, lang: locals.lang };
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const values = summaryFromForm(await request.formData());
		const result = await submitSummary(requesterOf(locals), params.id, values);
		if (!result.ok) return fail(result.status, { errors: result.errors, values });
		return { seq: result.seq };
	}
};
