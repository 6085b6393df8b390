import { describe, expect, it } from 'vitest';
import {
	drillMarks,
	overrideTexts,
	warningBanners,
	watchBanners,
	zeroReportGrids
} from './banners';
import { ago, later, makeDrill, makeWarning, makeWatch, NOW, pictureOf } from './fixtures';
import { scopeOf } from './model';

describe('warningBanners', () => {
	it('has one banner per active warning, most severe first, title as data text', () => {
		const picture = pictureOf({
			warnings: [
				makeWarning({ id: 'b', colour: 'blue', regions: ['110000'] }),
				makeWarning({ id: 'r', colour: 'red', regions: ['440000', '440300'], title: '<b>x</b>' }),
				makeWarning({ id: 'gone', colour: 'red', regions: ['110000'], until: ago(1) })
			]
		});
		const banners = warningBanners(picture, NOW, 'zh');
		expect(banners.map((b) => b.id)).toEqual(['r', 'b']);
		expect(banners[0]).toMatchObject({
			heading: '红色预警',
			title: '<b>x</b>',
			scope: '广东省、深圳市 · 工业',
			left: '剩余 10:00:00'
		});
	});
});

const processors = [
	{ orgId: 'p1', name: '广东电网', region: '440000' },
	{ orgId: 'p2', name: '深圳银行', region: '440300' },
	{ orgId: 'p3', name: '北京银行', region: '110000' }
];

describe('watch period', () => {
	// NOW is 18:30 China time on 09-18; check-ins are due by 10:00 China time.
	const watch = makeWatch({
		id: 'w',
		regions: ['440000', '110000'],
		processors,
		startsAt: ago(60 * 30),
		endsAt: later(90),
		zeroReports: [{ orgId: 'p1', date: '2026-09-18', at: ago(60 * 9) }]
	});
	const picture = pictureOf({ watches: [watch] });

	it('counts down to the end of an active watch', () => {
		expect(watchBanners(picture, NOW, 'zh', scopeOf('440000'))).toEqual([
			{ id: 'w', name: '保障期w', phase: 'active', label: '距结束', left: '1:30:00', drill: false }
		]);
		// Not a watch over Sichuan.
		expect(watchBanners(picture, NOW, 'zh', scopeOf('510000'))).toEqual([]);
	});

	it('counts down to a scheduled watch', () => {
		const soon = pictureOf({
			watches: [makeWatch({ id: 's', regions: ['110000'], processors, startsAt: later(30) })]
		});
		expect(watchBanners(soon, NOW, 'en', scopeOf('national'))[0]).toMatchObject({
			phase: 'scheduled',
			label: 'Starts in',
			left: '0:30:00'
		});
	});

	it('shows the zero-report grid with missing check-ins first, scoped to the wall', () => {
		const [grid] = zeroReportGrids(picture, NOW, 'zh', scopeOf('440000'));
		expect(grid!.cells.map((c) => [c.orgId, c.status])).toEqual([
			['p2', 'overdue'],
			['p1', 'reported']
		]);
		expect(grid!.missing).toBe(1);
		expect(grid!.heading).toBe('零报告（09-18，10:00 前）');
		const national = zeroReportGrids(picture, NOW, 'zh', scopeOf('national'))[0]!;
		expect(national.cells.map((c) => c.orgId).sort()).toEqual(['p1', 'p2', 'p3']);
		expect(national.missing).toBe(2);
	});

	it('has no grid once the watch is over', () => {
		expect(zeroReportGrids(picture, later(120), 'zh', scopeOf('national'))).toEqual([]);
	});
});

describe('overrideTexts', () => {
	it("states a watch's stricter deadlines in words", () => {
		expect(
			overrideTexts({ ministryPhone: 5, progress: { major: 60 }, zeroReportDueTime: '09:00' }, 'zh')
		).toEqual(['电话报部 5 分钟内', '进展报告（重大） 每 60 分钟', '零报告 09:00 前']);
		expect(overrideTexts({ reportLocal: 30 }, 'en')).toEqual([
			'Report to local regulator within 30 min'
		]);
	});
});

describe('drillMarks', () => {
	it('marks a running drill, and no longer once it has stopped', () => {
		const running = makeDrill('d1', '广东演练');
		const picture = pictureOf({});
		picture.drills.d1 = running;
		expect(drillMarks(picture)).toEqual([{ id: 'd1', name: '广东演练' }]);
		picture.drills.d1 = makeDrill('d1', '广东演练', true);
		expect(drillMarks(picture)).toEqual([]);
		expect(drillMarks(pictureOf({}))).toEqual([]);
	});
});
