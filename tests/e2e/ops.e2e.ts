import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { accountsFor, pairDisplay } from './auth';
import { expect, test, type AppServer } from './fixtures';

/**
 * The operator side end to end, each person in their own signed-in browser: a processor files
 * a 重大 report through /report, the Shenzhen industrial regulator confirms it and assigns a
 * support agency in /ops, the agency accepts in /agency, and the Shenzhen and national walls,
 * open from the start, show it arrive live with its clocks.
 */
test.use({ signedIn: false });

/** Registers a support agency through the command layer (the wall tests' writer process). */
async function registerAgency(app: AppServer, agency: Record<string, unknown>) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/wall-commands.ts'], {
		env: { ...process.env, ...app.env },
		stdio: ['pipe', 'pipe', 'inherit']
	});
	const reply = new Promise<{ error?: string }>((resolve) => {
		createInterface({ input: child.stdout! }).once('line', (line) =>
			resolve(JSON.parse(line) as { error?: string })
		);
	});
	child.stdin!.write(`${JSON.stringify({ id: 1, op: 'agency', args: [agency] })}\n`);
	const r = await reply;
	child.stdin!.end();
	await new Promise<void>((resolve) =>
		child.exitCode !== null ? resolve() : child.once('exit', () => resolve())
	);
	if (r.error) throw new Error(r.error);
}

/** China local time `minutesAgo` ago, as a datetime-local input value. */
function chinaLocal(minutesAgo: number): string {
	const d = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3_600_000);
	return d.toISOString().slice(0, 16);
}

/** The server's ORIGIN: SvelteKit refuses form posts from any other origin (CSRF). */
const originOf = (app: AppServer) => `http://127.0.0.1:${app.port}`;

/** A browser signed in with a session token, on the server's own origin. */
async function signedInContext(
	browser: Browser,
	app: AppServer,
	token: string,
	cookie: string
): Promise<BrowserContext> {
	const context = await browser.newContext({ locale: 'zh-CN' });
	await context.addCookies([
		{ name: cookie, value: token, url: originOf(app), httpOnly: true, sameSite: 'Lax' }
	]);
	return context;
}

/** Fails the test on console errors or uncaught exceptions in the page. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	return errors;
}

test('a 重大 report goes from the intake form through the console and the agency to the walls', async ({
	app,
	browser
}) => {
	const suffix = Date.now().toString(36);
	const orgName = `深圳某精密制造有限公司${suffix}`;
	const agencyId = `ag-sz-${suffix}`;
	const agencyName = `深圳市数据安全应急支撑中心${suffix}`;
	await registerAgency(app, {
		id: agencyId,
		name: agencyName,
		tier: 'local',
		regionsServed: ['440300'],
		capabilities: ['forensics', 'tracing'],
		capacity: 3
	});

	const accounts = await accountsFor(app);
	const [processor, regulator, agency] = await Promise.all([
		accounts.session({ role: 'processor', orgId: `org-sz-${suffix}`, region: '440300' }),
		accounts.session({ role: 'regulator', region: '440300', sector: 'industrial' }),
		accounts.session({ role: 'agency', agencyId })
	]);
	const cookie = accounts.names.session;
	await accounts.close();

	// The walls are open before anything happens: what follows must reach them live.
	const walls: Page[] = [];
	for (const region of ['440300', 'national']) {
		const context = await browser.newContext({ locale: 'zh-CN' });
		await pairDisplay(context, app, region);
		const page = await context.newPage();
		await page.goto(`${app.url}/wall/${region}`);
		await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
		await expect(page.getByTestId('panel-clocks')).not.toContainText(orgName);
		walls.push(page);
	}

	const regPage = await (await signedInContext(browser, app, regulator.token, cookie)).newPage();
	const regErrors = watchErrors(regPage);
	await regPage.goto(`${originOf(app)}/ops`);
	await expect(regPage.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
	await expect(regPage.getByText(orgName)).toHaveCount(0);

	// 1. The processor files the report; the grading explainer follows the facts as typed.
	const procPage = await (await signedInContext(browser, app, processor.token, cookie)).newPage();
	const procErrors = watchErrors(procPage);
	await procPage.goto(`${originOf(app)}/report`);
	await procPage.getByLabel('单位全称').fill(orgName);
	await procPage.getByLabel('联系人').fill('王五');
	await procPage.getByLabel('手机号码').fill('13900000000');
	const occurred = procPage.getByRole('group', { name: '事件情况' });
	await occurred.getByRole('checkbox', { name: '尚不明确' }).first().check();
	await procPage.getByLabel('发现时间').fill(chinaLocal(20));
	await procPage.getByLabel('发现途径').selectOption('own_monitoring');
	await procPage.getByLabel('所在地区').selectOption('440300');
	await procPage.getByLabel('所属领域').selectOption('industrial');
	await procPage.getByLabel('事件原因').fill('勒索软件加密生产数据');
	await procPage.getByRole('checkbox', { name: '生产运行数据' }).check();
	await procPage.getByLabel('数据级别').selectOption('important');
	await procPage.getByLabel('已采取的措施').fill('隔离受感染主机，启用备份');
	await expect(procPage.getByTestId('explainer-level')).toHaveText('一般');
	await procPage.getByLabel('威胁程度').selectOption('serious');
	await expect(procPage.getByTestId('explainer-level')).toHaveText('重大');
	await expect(procPage.getByTestId('explainer-fired')).toContainText('重要数据');
	// Unclear fields are said so explicitly, not left blank.
	for (const name of [
		'systemsUnknown',
		'impactOrganisationsUnknown',
		'impactRegionsSectorsUnknown',
		'furtherMeasuresUnknown',
		'economicLossYuanUnknown'
	])
		await procPage.locator(`input[name="${name}"]`).check();
	await procPage.locator('input[name="piMode"][value="unknown"]').check();
	await procPage.locator('input[name="spiMode"][value="none"]').check();

	// 重大 without signature or seal: refused with a visible error beside the box.
	await procPage.getByRole('button', { name: '提交报告并自评定级' }).click();
	await expect(procPage.locator('#intake-signedOff-error')).toHaveText(
		'重大及以上事件须签字或盖章确认'
	);
	await expect(procPage.getByLabel('已签字或盖章（重大及以上必须）')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	// Keyboard users land on what needs fixing.
	await expect(procPage.getByLabel('已签字或盖章（重大及以上必须）')).toBeFocused();
	await procPage.keyboard.press('Space');
	await procPage.getByRole('button', { name: '提交报告并自评定级' }).click();
	await expect(procPage.getByTestId('filed')).toBeVisible();

	// 2. The regulator, on duty since before the report, sees it arrive in the queue with its
	// clock, confirms 重大 and assigns the agency.
	const row = regPage.getByTestId('queue').getByRole('row').filter({ hasText: orgName });
	await expect(row).toContainText('重大');
	await expect(row.getByTestId('clock')).toBeVisible();
	await row.getByRole('link', { name: orgName }).click();
	await expect(regPage.getByTestId('incident-status')).toHaveText('待监管确认');
	await expect(regPage.getByTestId('fired-criteria')).toContainText('数据');
	await expect(regPage.getByTestId('incident-clocks')).toBeVisible();

	const confirm = regPage.getByTestId('action-confirm');
	// Another level than self-graded needs a reason: visible error, nothing changes.
	await confirm.getByLabel('级别').selectOption('relatively_large');
	await confirm.getByRole('button', { name: '确认级别' }).click();
	await expect(confirm.locator('#confirm-reason-error')).toHaveText('请填写理由');
	await expect(confirm.getByRole('textbox', { name: '理由' })).toBeFocused();
	await expect(regPage.getByTestId('incident-status')).toHaveText('待监管确认');
	await confirm.getByLabel('级别').selectOption('major');
	await confirm.getByRole('button', { name: '确认级别' }).click();
	await expect(regPage.getByTestId('incident-status')).toHaveText('监管已定级');
	await expect(regPage.getByTestId('incident-level')).toHaveText('重大');
	// Now the ministry must be told: the regulator is offered the escalation.
	await expect(regPage.getByTestId('action-escalate')).toBeVisible();

	const board = regPage.getByTestId('agency-board');
	await expect(board.getByRole('row').filter({ hasText: agencyName })).toContainText('0 / 3');
	await board.getByRole('button', { name: `指派 ${agencyName}` }).click();
	const assignment = regPage.getByTestId('assignments').getByRole('listitem').filter({
		hasText: agencyName
	});
	await expect(assignment.getByTestId('assignment-status')).toHaveText('待接受');

	// 3. The agency accepts; the regulator's console shows it without a reload.
	const agPage = await (await signedInContext(browser, app, agency.token, cookie)).newPage();
	const agErrors = watchErrors(agPage);
	await agPage.goto(`${originOf(app)}/agency`);
	const task = agPage.getByTestId('assignment').filter({ hasText: orgName });
	await expect(task.getByTestId('assignment-status')).toHaveText('待接受');
	await task.getByRole('button', { name: '拒绝' }).click();
	await expect(task.locator('[data-testid="field-error"]')).toHaveText('请填写理由');
	await task.getByRole('button', { name: '接受' }).click();
	await expect(task.getByTestId('assignment-status')).toHaveText('已接受');
	await expect(assignment.getByTestId('assignment-status')).toHaveText('已接受');

	// The console speaks English too.
	await regPage.getByRole('button', { name: 'English' }).click();
	await expect(regPage.getByRole('heading', { level: 1 })).toContainText('On-duty console');
	await expect(regPage.getByTestId('incident-status')).toHaveText('Graded by regulator');

	// 4. Both walls, open all along, show the incident and its clocks.
	for (const wall of walls) {
		const clocks = wall.getByTestId('panel-clocks');
		await expect(clocks.getByTestId('clock').filter({ hasText: orgName }).first()).toBeVisible();
		await expect(clocks).toContainText('电话报部');
		await expect(wall.getByTestId('panel-agencies')).toContainText(agencyName);
	}

	expect([...procErrors, ...regErrors, ...agErrors]).toEqual([]);
});

test('the intake form and the console work without JavaScript', async ({ app, browser }) => {
	const suffix = Date.now().toString(36);
	const orgName = `深圳某电子有限公司${suffix}`;
	const accounts = await accountsFor(app);
	const [processor, regulator] = await Promise.all([
		accounts.session({ role: 'processor', orgId: `org-nojs-${suffix}`, region: '440300' }),
		accounts.session({ role: 'regulator', region: '440300', sector: 'industrial' })
	]);
	const cookie = accounts.names.session;
	await accounts.close();
	const noJs = async (token: string) => {
		const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
		await context.addCookies([
			{ name: cookie, value: token, url: originOf(app), httpOnly: true, sameSite: 'Lax' }
		]);
		return context.newPage();
	};

	const proc = await noJs(processor.token);
	await proc.goto(`${originOf(app)}/report`);
	await proc.getByLabel('单位全称').fill(orgName);
	await proc.getByLabel('联系人').fill('钱七');
	await proc.getByLabel('手机号码').fill('13600000000');
	await proc.locator('input[name="occurredAtUnknown"]').check();
	await proc.getByLabel('发现时间').fill(chinaLocal(15));
	await proc.getByLabel('发现途径').selectOption('own_monitoring');
	await proc.getByLabel('所在地区').selectOption('440300');
	await proc.getByLabel('所属领域').selectOption('industrial');
	for (const name of [
		'systemsUnknown',
		'causeUnknown',
		'dataTypesUnknown',
		'dataGradeUnknown',
		'impactOrganisationsUnknown',
		'impactRegionsSectorsUnknown',
		'measuresTakenUnknown',
		'furtherMeasuresUnknown',
		'economicLossYuanUnknown'
	])
		await proc.locator(`input[name="${name}"]`).check();
	await proc.locator('input[name="piMode"][value="count"]').check();
	await proc.locator('input[name="piRecords"]').fill('2000000');
	await proc.locator('input[name="spiMode"][value="none"]').check();
	await proc.getByRole('button', { name: '提交报告并自评定级' }).click();
	// Two million people's personal information: 较大 by the rules, filed without a seal.
	const filed = proc.getByTestId('filed');
	await expect(filed).toBeVisible();
	const incidentId = /([0-9a-f-]{36})/.exec((await filed.textContent()) ?? '')![1]!;

	const reg = await noJs(regulator.token);
	await reg.goto(`${originOf(app)}/ops/incident/${incidentId}`);
	await expect(reg.getByTestId('incident-level')).toHaveText('较大');
	const confirm = reg.getByTestId('action-confirm');
	await confirm.getByLabel('级别').selectOption('major');
	await confirm.getByRole('button', { name: '确认级别' }).click();
	await expect(reg.locator('#confirm-reason-error')).toHaveText('请填写理由');
	await expect(reg.getByTestId('incident-status')).toHaveText('待监管确认');
	await confirm.getByLabel('级别').selectOption('relatively_large');
	await confirm.getByRole('button', { name: '确认级别' }).click();
	await expect(reg.getByTestId('incident-status')).toHaveText('监管已定级');
	await expect(reg.getByTestId('action-startResponse')).toBeVisible();
});
