import { fail } from '@sveltejs/kit';
import { getAuth } from '$lib/server/auth';
import { field, requireRole } from '$lib/server/auth/guard';
import { statusOfRefused } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals.principal, 'admin');
	const auth = await getAuth();
	const now = auth.now();
	const users = (await auth.listUsers()).map((u) => ({
		...u,
		locked: u.lockedUntil !== null && u.lockedUntil > now,
		lockedUntil: u.lockedUntil?.toISOString() ?? null
	}));
	const organisations = (await auth.listOrganisations()).map((o) => ({
		id: o.id,
		name: o.name,
		kind: o.kind,
		region: o.region,
		parentId: o.parentId
	}));
	return { lang: locals.lang, users, organisations };
};

const scope = (form: FormData) => ({
	displayName: field(form, 'displayName'),
	role: field(form, 'role') as never,
	region: field(form, 'region') || null,
	sector: field(form, 'sector') || null,
	orgId: field(form, 'orgId') || null,
	agencyId: field(form, 'agencyId') || null
});

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const form = await request.formData();
		const password = form.get('password');
		const result = await (
			await getAuth()
		).createUser(
			{
				username: field(form, 'username'),
				password: typeof password === 'string' ? password : '',
				...scope(form)
			},
			me.id
		);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'create', errors: result.errors });
		return { action: 'create', saved: true };
	},
	update: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const form = await request.formData();
		const result = await (await getAuth()).updateUser(field(form, 'id'), scope(form), me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'update', errors: result.errors });
		return { action: 'update', saved: true };
	},
	disable: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const id = field(await request.formData(), 'id');
		const result = await (await getAuth()).setDisabled(id, true, me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'disable', errors: result.errors });
		return { action: 'disable', saved: true };
	},
	enable: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const id = field(await request.formData(), 'id');
		const result = await (await getAuth()).setDisabled(id, false, me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'enable', errors: result.errors });
		return { action: 'enable', saved: true };
	},
	password: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const form = await request.formData();
		const password = form.get('password');
		const result = await (
			await getAuth()
		).setPassword(field(form, 'id'), typeof password === 'string' ? password : '', me.id);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'password', errors: result.errors });
		return { action: 'password', saved: true };
	},
	totp: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const result = await (await getAuth()).enableTotp(field(await request.formData(), 'id'), me.id);
		if (!result.ok) return fail(statusOfRefused(result), { action: 'totp', errors: result.errors });
		return { action: 'totp', saved: true, totp: result.value };
	},
	organisation: async ({ request, locals }) => {
		const me = requireRole(locals.principal, 'admin');
		const form = await request.formData();
		const result = await (
			await getAuth()
		).saveOrganisation(
			{
				id: field(form, 'id'),
				name: field(form, 'name'),
				kind: field(form, 'kind'),
				region: field(form, 'region') || null,
				parentId: field(form, 'parentId') || null
			},
			me.id
		);
		if (!result.ok)
			return fail(statusOfRefused(result), { action: 'organisation', errors: result.errors });
		return { action: 'organisation', saved: true };
	}
};
