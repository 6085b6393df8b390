import { fail } from '@sveltejs/kit';
import { getAuth } from '$lib/server/auth';
import { field, requireRole } from '$lib/server/auth/guard';
import { statusOf, statusOfRefused } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals.principal, 'admin');
	const displays = (await (await getAuth()).listDisplays()).map((d) => ({
		id: d.id,
		name: d.name,
		region: d.region,
		pairedAt: d.pairedAt?.toISOString() ?? null,
		lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
		revokedAt: d.revokedAt?.toISOString() ?? null
	}));
	return { lang: locals.lang, displays };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const me = requireRole(locals.principal, 'admin');
		const form = await request.formData();
		const result = await (
			await getAuth()
		).createDisplay({ name: field(form, 'name'), region: field(form, 'region') }, me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'create', errors: result.errors });
		return {
			action: 'create',
			saved: true,
			pairing: { code: result.value.code, link: `${url.origin}/pair/${result.value.code}` }
		};
	},
	code: async ({ request, locals, url }) => {
		requireRole(locals.principal, 'admin');
		const id = field(await request.formData(), 'id');
		const auth = await getAuth();
		const display = (await auth.listDisplays()).find((d) => d.id === id && !d.revokedAt);
		if (!display)
			return fail(statusOf('not_found'), {
				action: 'code',
				errors: { id: 'auth.field.noSuchDisplay' }
			});
		const { code } = await auth.newPairingCode(id);
		return { action: 'code', saved: true, pairing: { code, link: `${url.origin}/pair/${code}` } };
	},
	revoke: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const result = await (
			await getAuth()
		).revokeDisplay(field(await request.formData(), 'id'), me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'revoke', errors: result.errors });
		return { action: 'revoke', saved: true };
	}
};
