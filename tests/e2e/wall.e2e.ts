import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import postgres from 'postgres';
import { expect, launchServer, test as base, type AppServer } from './fixtures';
import type { WallData } from './wall-data';

/**
 * Each wall test gets its own database: the wall shows counts, and counts must not depend on
 * which tests ran before.
 */
const test = base.extend<{ app: AppServer }>({
	// Playwright requires the object pattern even when no fixture is used.
	// eslint-disable-next-line no-empty-pattern
	app: async ({}, use, testInfo) => {
		const admin = postgres(process.env.FENGHUO_E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
		const name = `fh_wall_${Date.now().toString(36)}_${testInfo.workerIndex}`;
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(process.env.FENGHUO_E2E_DATABASE_URL!);
		url.pathname = `/${name}`;
		const app = await launchServer({ DATABASE_URL: url.toString() });
		try {
			await use(app);
		} finally {
			await app.stop();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	}
});

const IMG_XSS = '<img src=x onerror=window.__xss=1>';
const SCRIPT_XSS = '<script>window.__xss=1</script>';

interface Extra {
	/** A paired display's cookie, or null while the app has no accounts. */
	displayCookie(origin: string): Promise<{ name: string; value: string } | null>;
}

/**
 * Another node writing through the command layer, projections included (as the app does): a
 * child process (see wall-commands.ts) driven by a proxy with WallData's methods.
 */
async function commandsFor(app: AppServer) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/wall-commands.ts'], {
		env: { ...process.env, ...app.env },
		stdio: ['pipe', 'pipe', 'inherit']
	});
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	createInterface({ input: child.stdout! }).on('line', (line) => {
		const reply = JSON.parse(line) as { id: number; result?: unknown; error?: string };
		const p = pending.get(reply.id);
		pending.delete(reply.id);
		if (reply.error !== undefined) p?.reject(new Error(reply.error));
		else p?.resolve(reply.result);
	});
	let next = 0;
	const data = new Proxy({} as WallData & Extra, {
		get:
			(_, op) =>
			(...args: unknown[]) =>
				new Promise((resolve, reject) => {
					const id = next++;
					pending.set(id, { resolve, reject });
					child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
				})
	});
	const close = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.stdin!.end();
		});
	/** Lets `page` (and `request` calls given `headers`) in as a paired wall display. */
	const signIn = async (page: Page) => {
		const cookie = await data.displayCookie(app.url);
		if (cookie) await page.context().addCookies([{ ...cookie, url: app.url }]);
		return { cookie: cookie ? `${cookie.name}=${encodeURIComponent(cookie.value)}` : '' };
	};
	return { data, close, signIn };
}

/** Console errors and uncaught exceptions: a wall must have none. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	return errors;
}

async function seedNational(data: WallData) {
	await data.agency({
		id: 'ag-gd',
		name: '广东省数据安全应急支撑中心',
		tier: 'local',
		regionsServed: ['440000'],
		capabilities: ['forensics', 'recovery'],
		capacity: 2
	});
	await data.incident({
		id: 'inc-gd',
		orgId: 'org-gd',
		orgName: IMG_XSS,
		region: '440000',
		level: 'relatively_large',
		discoveredAgo: 20
	});
	await data.incident({
		id: 'inc-sz',
		orgId: 'org-sz',
		orgName: '深圳某智能制造有限公司',
		region: '440300',
		level: 'major',
		discoveredAgo: 3
	});
	await data.warning({ id: 'w-gd', colour: 'orange', regions: ['440000'], title: SCRIPT_XSS });
	return data.assign({
		agencyId: 'ag-gd',
		assignmentId: 'as-1',
		incidentId: 'inc-gd',
		region: '440000',
		accept: true
	});
}

async function noScrollbars(page: Page) {
	const dims = await page.evaluate(() => ({
		sw: document.documentElement.scrollWidth,
		sh: document.documentElement.scrollHeight,
		w: window.innerWidth,
		h: window.innerHeight
	}));
	expect(dims.sw).toBeLessThanOrEqual(dims.w);
	expect(dims.sh).toBeLessThanOrEqual(dims.h);
}

/** The log position the wall's picture is at. */
const seqOf = async (page: Page) => Number(await page.getByTestId('wall').getAttribute('data-seq'));

const fontPx = (page: Page, testid: string) =>
	page
		.getByTestId(testid)
		.first()
		.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('the national wall paints every panel from the server and follows the log live', async ({
	app,
	page,
	request
}) => {
	const errors = watchErrors(page);
	const { data, close, signIn } = await commandsFor(app);
	try {
		const seeded = await seedNational(data);

		// First paint is server-rendered: the panels' content is in the HTML itself.
		const headers = await signIn(page);
		const html = await (await request.get(`${app.url}/wall/national`, { headers })).text();
		expect(html).toContain('data-testid="panel-clocks"');
		expect(html).toContain('深圳某智能制造有限公司');
		expect(Number(/data-seq="(\d+)"/.exec(html)?.[1])).toBeGreaterThanOrEqual(seeded);
		expect(html).not.toContain(IMG_XSS);

		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${app.url}/wall/national`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByTestId('wall')).toHaveAttribute('data-layout', 'normal');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
		await expect(page.getByTestId('wall-title')).toHaveText('全国');
		for (const panel of [
			'panel-map',
			'panel-distribution',
			'panel-clocks',
			'panel-agencies',
			'panel-ticker'
		])
			await expect(page.getByTestId(panel)).toBeVisible();
		await expect(page.getByTestId('chart-map')).not.toHaveAttribute('data-draws', '0');
		await expect(page.getByTestId('chart-distribution')).not.toHaveAttribute('data-draws', '0');
		await expect(page.getByTestId('local-time')).toContainText(/\d\d:\d\d:\d\d/);

		const map = page.getByTestId('panel-map');
		await expect(map).toHaveAttribute('data-provinces', /440000:2:major:orange:\d+/);
		await expect(page.getByTestId('level-total-relatively_large')).toHaveText('1');
		await expect(page.getByTestId('level-total-major')).toHaveText('1');
		await expect(page.getByTestId('open-total')).toHaveText('2');
		await expect(page.getByTestId('warning-banner')).toHaveAttribute('data-colour', 'orange');
		const agency = page.locator('[data-testid=agency][data-agency=ag-gd]');
		await expect(agency.getByTestId('agency-load')).toHaveText('1/2');
		await expect(agency).toContainText('已接单');
		await expect(agency).toHaveAttribute('data-standby', 'true');
		await expect(
			page.locator('[data-testid=clock][data-incident=inc-sz][data-duty=ministry_phone]')
		).toHaveAttribute('data-status', /running|due_soon/);

		// Hostile text is shown as text and never runs.
		await expect(page.getByTestId('warning-banner')).toContainText(SCRIPT_XSS);
		await expect(page.getByTestId('panel-clocks').getByText(IMG_XSS).first()).toBeVisible();
		expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

		// Kiosk: no scrollbars, big numbers at 1080p.
		await noScrollbars(page);
		expect(await fontPx(page, 'open-total')).toBeGreaterThanOrEqual(48);
		expect(await fontPx(page, 'clock-left')).toBeGreaterThanOrEqual(48);
		await page.screenshot({ path: test.info().outputPath('wall-national-1080p.png') });

		// A 特别重大 in Sichuan, discovered 15 minutes ago, arrives through the command layer.
		const before = Number(await page.getByTestId('count-overdue').getAttribute('data-count'));
		const seq = await data.incident({
			id: 'inc-sc',
			orgId: 'org-sc',
			orgName: '四川某能源集团',
			region: '510000',
			sector: 'telecom',
			level: 'especially_major',
			discoveredAgo: 15
		});
		await expect.poll(() => seqOf(page)).toBeGreaterThanOrEqual(seq);
		await expect(map).toHaveAttribute('data-provinces', /510000:1:especially_major:-:[1-9]/);
		await expect(page.getByTestId('level-total-especially_major')).toHaveText('1');
		await expect(page.getByTestId('open-total')).toHaveText('3');
		await expect(
			page.locator('[data-testid=clock][data-incident=inc-sc][data-duty=ministry_phone]')
		).toHaveAttribute('data-status', 'overdue');
		await expect
			.poll(async () => Number(await page.getByTestId('count-overdue').getAttribute('data-count')))
			.toBeGreaterThan(before);
		// Overdue clocks flash, unless the viewer asked for reduced motion.
		const overdueTime = page
			.locator('[data-testid=clock][data-status=overdue]')
			.first()
			.getByTestId('clock-left');
		const animation = () => overdueTime.evaluate((el) => getComputedStyle(el).animationName);
		expect(await animation()).not.toBe('none');
		await page.emulateMedia({ reducedMotion: 'reduce' });
		expect(await animation()).toBe('none');
		await page.emulateMedia({ reducedMotion: 'no-preference' });
		await expect(page.getByTestId('ticker-item').first()).toContainText('四川某能源集团');

		// The map redraws on its own (throttled, but it happens).
		await expect(page.getByTestId('chart-map')).not.toHaveAttribute('data-draws', '1');

		// 4K: everything scales, and the charts redraw at the new scale.
		const draws = await page.getByTestId('chart-map').getAttribute('data-draws');
		await page.setViewportSize({ width: 3840, height: 2160 });
		await expect(page.getByTestId('chart-map')).not.toHaveAttribute('data-draws', draws!);
		await noScrollbars(page);
		expect(await fontPx(page, 'open-total')).toBeGreaterThanOrEqual(96);
		await page.screenshot({ path: test.info().outputPath('wall-national-4k.png') });

		expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
		expect(errors).toEqual([]);
	} finally {
		await close();
	}
});

test('after a server restart mid-stream the wall equals a fresh load', async ({
	app,
	page,
	browser
}) => {
	const errors = watchErrors(page);
	const { data, close, signIn } = await commandsFor(app);
	try {
		await seedNational(data);
		await signIn(page);
		await page.goto(`${app.url}/wall/national`);
		const wall = page.getByTestId('wall');
		const connection = page.getByTestId('connection');
		await expect(connection).toHaveAttribute('data-status', 'connected');

		await data.incident({ id: 'r1', orgId: 'o-r1', orgName: '湖北某车企', region: '420000' });
		await app.stop();
		await expect(page.getByTestId('stale-banner')).toBeVisible();
		await expect(connection).toHaveAttribute('data-status', 'reconnecting');
		// Events keep landing in the log while this node is down.
		await data.incident({
			id: 'r2',
			orgId: 'o-r2',
			orgName: '浙江某港口',
			region: '330200',
			level: 'relatively_large',
			discoveredAgo: 30
		});
		await data.confirm('r2', '330200', 'industrial', 'major');
		await data.warning({ id: 'w-red', colour: 'red', regions: ['330000'], title: '红色预警测试' });
		// The last state stays on screen meanwhile.
		await expect(page.getByTestId('panel-clocks')).toContainText('深圳某智能制造有限公司');
		await app.start();
		await expect(connection).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
		await expect(page.getByTestId('stale-banner')).toHaveCount(0);
		const last = await data.incident({
			id: 'r3',
			orgId: 'o-r3',
			orgName: '厦门某物流',
			region: '350200',
			level: 'general'
		});
		await expect.poll(() => seqOf(page)).toBeGreaterThanOrEqual(last);
		await expect(page.getByTestId('panel-map')).toHaveAttribute(
			'data-provinces',
			/330000:1:major:red:/
		);

		const fresh = await browser.newPage();
		await signIn(fresh);
		await fresh.goto(`${app.url}/wall/national`);
		expect(await seqOf(fresh)).toBeGreaterThanOrEqual(last);
		const freshDigest = await fresh.getByTestId('wall').getAttribute('data-digest');
		expect(freshDigest).toMatch(/^[0-9a-f]{16}$/);
		await expect(wall).toHaveAttribute('data-digest', freshDigest!);
		await fresh.close();
		expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|socket\.io/.test(e))).toEqual([]);
	} finally {
		await close();
	}
});

test('a provincial wall shows its province, its cities and the watch layout', async ({
	app,
	page,
	request
}) => {
	const errors = watchErrors(page);
	const { data, close, signIn } = await commandsFor(app);
	try {
		await seedNational(data);
		await data.incident({ id: 'bj', orgId: 'o-bj', orgName: '北京某云', region: '110000' });
		// A drill in Guangdong: its incident is marked and kept out of the real counts.
		await data.drill('dr-1', '广东省数据泄露应急演练', ['440000']);
		await data.incident({
			id: 'gd-drill',
			orgId: 'o-drill',
			orgName: '演练单位甲',
			region: '440000',
			level: 'especially_major',
			discoveredAgo: 2,
			drill: true
		});
		const headers = await signIn(page);
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${app.url}/wall/440000`);
		const wall = page.getByTestId('wall');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
		await expect(page.getByTestId('wall-title')).toHaveText('广东省');
		await expect(wall).toHaveAttribute('data-layout', 'normal');
		await expect(page.getByTestId('panel-map')).toHaveAttribute(
			'data-provinces',
			/^440000:2:major/
		);
		await expect(page.getByTestId('panel-clocks')).not.toContainText('北京某云');
		await expect(page.getByTestId('chart-map')).not.toHaveAttribute('data-draws', '0');
		await expect(page.getByTestId('drill-watermark')).toBeVisible();
		await expect(page.getByTestId('level-total-especially_major')).toHaveText('0');
		await expect(page.getByTestId('panel-distribution')).toContainText('另有演练 1 起');
		const drillClock = page.locator('[data-testid=clock][data-incident=gd-drill]').first();
		await expect(drillClock).toContainText('演练');

		// A watch period over Guangdong switches the wall to its war-room layout.
		const processors = [
			{ orgId: 'p-grid', name: '广东某电网公司', region: '440000' },
			{ orgId: 'p-bank', name: '深圳某银行数据中心', region: '440300' }
		];
		await data.watch({
			id: 'wp-1',
			name: '全运会网络数据安全保障',
			regions: ['440000'],
			processors,
			// Check-ins due by 00:01 China time: today's is already due whenever the test runs.
			overrides: { ministryPhone: 5, zeroReportDueTime: '00:01' },
			startedAgo: 30
		});
		const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
		await data.zeroReport('wp-1', processors[0]!, today);
		await data.incident({
			id: 'gd-watch',
			orgId: 'o-gw',
			orgName: '东莞某电子厂',
			region: '440000',
			level: 'major',
			discoveredAgo: 1
		});
		await expect(wall).toHaveAttribute('data-layout', 'watch');
		await expect(page.getByTestId('watch-banner')).toContainText('全运会网络数据安全保障');
		await expect(page.getByTestId('watch-countdown')).toHaveText(
			/^\d+天 \d\d:\d\d$|^\d+:\d\d:\d\d$/
		);
		const grid = page.getByTestId('zero-report-grid');
		await expect(grid).toHaveAttribute('data-missing', '1');
		await expect(grid.locator('[data-org=p-bank]')).toHaveAttribute('data-status', 'overdue');
		await expect(grid.locator('[data-org=p-grid]')).toHaveAttribute('data-status', 'late');
		// The watch's stricter clock (5-minute phone report) comes first, marked as such.
		await expect(page.getByTestId('clock').first()).toContainText('保障期从严');
		await expect(
			page.locator('[data-testid=clock][data-incident=gd-watch][data-duty=ministry_phone]')
		).toContainText('保障期从严');
		await noScrollbars(page);
		await page.screenshot({ path: test.info().outputPath('wall-guangdong-watch-1080p.png') });

		// English on request.
		await page.goto(`${app.url}/wall/440000?lang=en`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByTestId('wall-title')).toHaveText('Guangdong');
		await expect(page.getByTestId('zero-report-grid')).toContainText('Zero reports');

		// Unknown regions are not found; XPCC and 计划单列市 are walls of their own.
		expect((await request.get(`${app.url}/wall/999999`, { headers })).status()).toBe(404);
		expect((await request.get(`${app.url}/wall/guangdong`, { headers })).status()).toBe(404);
		expect((await request.get(`${app.url}/wall/XPCC`, { headers })).status()).toBe(200);
		expect((await request.get(`${app.url}/wall/440300`, { headers })).status()).toBe(200);
		expect(errors).toEqual([]);
	} finally {
		await close();
	}
});
