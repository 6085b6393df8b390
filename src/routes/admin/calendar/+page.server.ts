import { randomUUID } from 'node:crypto';
import { calendarCoverage } from '$lib/domain/calendar';
import { requireRole } from '$lib/server/auth/guard';
import { amendCalendarAction } from '$lib/server/ops/calendar';
import { currentCalendar } from '$lib/server/queries/calendar';
import { formAction } from '$lib/server/ops/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals.principal, 'admin');
	const state = await currentCalendar();
	const years = [...new Set(state.calendar.holidays.map((d) => Number(d.slice(0, 4))))].sort();
	return {
		lang: locals.lang,
		key: randomUUID(),
		coverage: calendarCoverage(state.calendar, new Date().toISOString()),
		firstYear: years[0] ?? null,
		amendments: state.amendments
	};
};

export const actions: Actions = {
	amend: formAction(amendCalendarAction)
};
