import { error } from '@sveltejs/kit';
import { requesterOf } from '$lib/server/reports';
import { auditPackage } from '$lib/server/reports/audit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const pkg = await auditPackage(requesterOf(locals), params.id, { lang: locals.lang });
	if (!pkg) error(404, { message: 'incident not found' });
	return new Response(pkg.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${pkg.filename}"`,
			'cache-control': 'no-store',
			'x-fenghuo-log-seq': String(pkg.manifest.position.seq),
			'x-fenghuo-log-hash': pkg.manifest.position.hash
		}
	});
};
