import { error, json } from '@sveltejs/kit';
import { exportDocx, requesterOf } from '$lib/server/reports';
import { parseKind } from '../kind';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const kind = parseKind(url.searchParams.get('kind'));
	if (!kind.ok) return json({ errors: { kind: kind.message } }, { status: kind.status });
	const exported = await exportDocx(requesterOf(locals), params.id, kind.kind, locals.lang);
	if (!exported) error(404, { message: 'incident not found' });
	return new Response(exported.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${exported.filename}"`,
			'cache-control': 'no-store',
			'x-fenghuo-log-seq': String(exported.document.position.seq),
			'x-fenghuo-log-hash': exported.document.position.hash
		}
	});
};
