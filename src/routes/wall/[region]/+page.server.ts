import { error } from '@sveltejs/kit';
import { isRegionCode } from '$lib/domain/regions';
import { wallData } from '$lib/server/queries/wall';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	// GB/T 2260 codes of the provincial-level units and 计划单列市, or XPCC; anything else is 404.
	if (!isRegionCode(params.region)) error(404, 'unknown region');
	return { ...(await wallData(params.region)), lang: locals.lang };
};
