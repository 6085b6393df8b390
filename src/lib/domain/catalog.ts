import type { z } from 'zod';
import { agencyEventSchemas } from './agency/events';
import { auditEventSchemas } from './audit/events';
import { calendarEventSchemas } from './calendar/aggregate';
import { drillEventSchemas } from './drill';
import { dutyLogEventSchemas } from './duty-log';
import { incidentEventSchemas } from './incident/events';
import { reportEventSchemas } from './report/events';
import { warningEventSchemas } from './warning/events';
import { watchEventSchemas } from './watch/events';

/**
 * Every event type the log accepts, with its payload schema. The store refuses anything else.
 */
export const EVENT_CATALOG: Readonly<Record<string, z.ZodType<Record<string, unknown>>>> = {
	...dutyLogEventSchemas,
	...incidentEventSchemas,
	...warningEventSchemas,
	...agencyEventSchemas,
	...watchEventSchemas,
	...drillEventSchemas,
	...calendarEventSchemas,
	...reportEventSchemas,
	...auditEventSchemas
};
