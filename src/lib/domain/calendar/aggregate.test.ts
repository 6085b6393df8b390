import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { decide, evolve, initialState } from './aggregate';
import { addWorkingDays } from './calendar';

const admin = { id: 'admin-1', role: 'admin' as const };
const now = '2026-12-01T02:00:00.000Z';
const notice2027 = {
	version: 'cn-2027',
	timeZone: 'Asia/Shanghai' as const,
	holidays: ['2027-01-01'],
	workdays: []
};

describe('calendar amendments', () => {
	it('extends the calendar so deadlines can reach into the new year', () => {
		expect(() => addWorkingDays('2026-12-30T02:00:00.000Z', 2, initialState.calendar)).toThrow(
			DomainError
		);
		const events = decide(
			{ type: 'AmendCalendar', data: { extension: notice2027, reason: '国办发明电〔2026〕' } },
			initialState,
			{ now, actor: admin }
		);
		const state = events.reduce(evolve, initialState);
		expect(state.amendments).toEqual([
			{ at: now, by: 'admin-1', reason: '国办发明电〔2026〕', version: 'cn-2027' }
		]);
		// Wed 30 Dec 2026 + 2 working days: Thu 31, (Fri 1 Jan holiday) → Mon 4 Jan 2027.
		expect(addWorkingDays('2026-12-30T02:00:00.000Z', 2, state.calendar)).toBe(
			'2027-01-04T15:59:59.999Z'
		);
	});

	it('refuses other roles and an amendment without a reason', () => {
		const call = (actor: { id: string; role: 'regulator' | 'admin' }, reason: string) => () =>
			decide({ type: 'AmendCalendar', data: { extension: notice2027, reason } }, initialState, {
				now,
				actor
			});
		expect(call({ id: 'r', role: 'regulator' }, 'x')).toThrow(/administrator/);
		expect(call(admin, '  ')).toThrow(/say why/);
	});
});
