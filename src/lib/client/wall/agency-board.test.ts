import { describe, expect, it } from 'vitest';
import { agencyBoard } from './agency-board';
import { makeAgency, makeIncident, makeWarning, NOW, pictureOf } from './fixtures';

describe('agencyBoard', () => {
	const picture = pictureOf({
		incidents: [
			makeIncident({ id: 'i1', orgName: '广州某公司', level: 'relatively_large' }),
			makeIncident({ id: 'i2', orgName: '深圳某公司', region: '440300', level: 'major' })
		],
		agencies: [
			makeAgency({ id: 'idle', name: '北京支撑', regions: ['110000'], capacity: 3 }),
			makeAgency({
				id: 'gd',
				name: '广东支撑',
				capacity: 2,
				assignments: [
					{ id: 'a1', incidentId: 'i1', region: '440000', accepted: true },
					{ id: 'a2', incidentId: 'i2', region: '440300' }
				]
			})
		]
	});

	it('shows each agency’s live assignments, acceptance and load against capacity', () => {
		const rows = agencyBoard(picture, NOW, 'zh');
		expect(rows.map((r) => r.id)).toEqual(['gd', 'idle']);
		const gd = rows[0]!;
		expect(gd).toMatchObject({
			active: 2,
			capacity: 2,
			loadRatio: 1,
			standby: false,
			tierLabel: '地方'
		});
		expect(gd.assignments.map((a) => [a.subject, a.state, a.stateLabel])).toEqual([
			['广州某公司', 'accepted', '已接单'],
			['深圳某公司', 'assigned', '待接单']
		]);
		expect(rows[1]).toMatchObject({ active: 0, capacity: 3, assignments: [] });
	});

	it('puts agencies on standby under a red or orange warning in a region they serve', () => {
		const warned = pictureOf({
			agencies: Object.values(picture.agencies),
			warnings: [
				makeWarning({ id: 'w1', colour: 'orange', regions: ['110000'] }),
				makeWarning({ id: 'w2', colour: 'yellow', regions: ['440000'] })
			]
		});
		const rows = agencyBoard(warned, NOW, 'en');
		expect(rows[0]).toMatchObject({ id: 'idle', standby: true });
		expect(rows.find((r) => r.id === 'gd')!.standby).toBe(false);
	});
});
