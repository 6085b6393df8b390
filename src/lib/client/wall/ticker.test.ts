import { describe, expect, it } from 'vitest';
import type { WireEvent } from '$lib/shared/socket';
import { makeIncident, NOW, pictureOf } from './fixtures';
import { tickerItems } from './ticker';

const event = (
	seq: number,
	streamId: string,
	type: string,
	payload = {},
	drill = false
): WireEvent => ({
	seq,
	streamId,
	streamVersion: 1,
	type,
	payload,
	actor: 'x',
	region: '440000',
	regions: ['440000'],
	drill,
	occurredAt: NOW,
	recordedAt: NOW
});

describe('tickerItems', () => {
	const picture = pictureOf({
		incidents: [makeIncident({ id: 'i', orgName: '深圳某公司', region: '440300', level: 'major' })]
	});

	it('says what happened to whom, newest first, in the wall language', () => {
		const items = tickerItems(
			[
				event(1, 'incident-i', 'IncidentReported'),
				event(2, 'incident-i', 'IncidentSelfGraded', { level: 'major' }),
				event(3, 'dutylog-national', 'DutyLogEntryRecorded', { text: '交接班' })
			],
			picture,
			'zh'
		);
		expect(items.map((i) => [i.seq, i.typeLabel, i.text])).toEqual([
			[3, '值班记录', '交接班'],
			[2, '自行定级', '深圳某公司 · 深圳市 · 重大'],
			[1, '事件上报', '深圳某公司 · 深圳市']
		]);
		expect(items[1]!.level).toBe('major');
		expect(items[0]!.time).toBe('18:30:00');
	});

	it('flags drill events and falls back for unknown types', () => {
		const [item] = tickerItems([event(9, 'foo-1', 'SomethingNew', {}, true)], picture, 'en');
		expect(item).toMatchObject({ drill: true, typeLabel: 'Event' });
	});

	it('keeps at most `limit` items', () => {
		const many = Array.from({ length: 50 }, (_, k) =>
			event(k + 1, 'dutylog-x', 'DutyLogEntryRecorded', { text: `${k}` })
		);
		const items = tickerItems(many, picture, 'zh', 10);
		expect(items).toHaveLength(10);
		expect(items[0]!.seq).toBe(50);
	});
});
