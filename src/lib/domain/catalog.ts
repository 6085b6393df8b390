import type { z } from 'zod';
import { dutyLogEventSchemas } from './duty-log';
import { incidentEventSchemas } from './incident/events';
import { warningEventSchemas } from './warning/events';

/**
 * Every event type the log accepts, with its payload schema. The store refuses anything else.
 */
export const EVENT_CATALOG: Readonly<Record<string, z.ZodType<Record<string, unknown>>>> = {
	...dutyLogEventSchemas,
	...incidentEventSchemas,
	...warningEventSchemas
};
