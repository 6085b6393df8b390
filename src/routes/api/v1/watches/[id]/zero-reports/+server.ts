import { apiRoute } from '$lib/server/ops/api-route';

export const POST = apiRoute('submitZeroReport');
