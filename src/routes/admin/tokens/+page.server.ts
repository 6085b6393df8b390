import { fail } from '@sveltejs/kit';
import { getAuth } from '$lib/server/auth';
import { field, requireRole } from '$lib/server/auth/guard';
import { statusOfRefused } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals.principal, 'admin');
	const auth = await getAuth();
	const tokens = (await auth.listApiTokens()).map((k) => ({
		id: k.id,
		orgId: k.orgId,
		name: k.name,
		createdAt: k.createdAt.toISOString(),
		lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
		revokedAt: k.revokedAt?.toISOString() ?? null
	}));
	const processors = (await auth.listOrganisations())
		.filter((o) => o.kind === 'processor')
		.map((o) => ({ id: o.id, name: o.name }));
	return { lang: locals.lang, tokens, processors };
};

export const actions: Actions = {
	issue: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const form = await request.formData();
		const result = await (
			await getAuth()
		).issueApiToken({ orgId: field(form, 'orgId'), name: field(form, 'name') }, me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'issue', errors: result.errors });
		return { action: 'issue', saved: true, token: result.value.token };
	},
	revoke: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const result = await (
			await getAuth()
		).revokeApiToken(field(await request.formData(), 'id'), me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'revoke', errors: result.errors });
		return { action: 'revoke', saved: true };
	}
};
