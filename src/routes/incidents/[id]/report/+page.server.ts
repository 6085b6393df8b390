import { error } from '@sveltejs/kit';
import { logHtmlExport, reportDocument, requesterOf } from '$lib/server/reports';
import { parseKind } from '../kind';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const kind = parseKind(url.searchParams.get('kind'));
	if (!kind.ok) error(kind.status, { message: kind.message });
	const requester = requesterOf(locals);
	const document = await reportDocument(requester, params.id, kind.kind, locals.lang);
	if (!document) error(404, { message: 'incident not found' });
	const exportSeq = await logHtmlExport(requester, params.id, kind.kind, document.position);
	return { document, exportSeq, lang: locals.lang };
};
