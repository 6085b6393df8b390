export * from './calendar';
export { CN_CALENDAR_2025_2026 } from './cn-2025-2026';
export { CN_CALENDAR } from './official';
export * as calendarAggregate from './aggregate';
