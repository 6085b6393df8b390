import { apiRoute } from '$lib/server/ops/api-route';

export const GET = apiRoute('getIncident');
