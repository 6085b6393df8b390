import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import type { BrowserContext } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';

const run = promisify(execFile);

/**
 * The server's own ORIGIN (127.0.0.1): SvelteKit refuses form posts from any other origin, so
 * the browser's ministry session (set for app.url) is copied there.
 */
async function onOrigin(app: AppServer, context: BrowserContext): Promise<string> {
	const base = `http://127.0.0.1:${app.port}`;
	const cookies = await context.cookies(app.url);
	await context.addCookies(
		cookies.map((c) => ({
			name: c.name,
			value: c.value,
			url: base,
			httpOnly: c.httpOnly,
			sameSite: c.sameSite
		}))
	);
	return base;
}

/** Seeds a 重大 incident whose response has ended through the command handlers (another node). */
async function seed(app: AppServer, id: string): Promise<number> {
	const { stdout } = await run(
		process.execPath,
		['--import', 'tsx', 'tests/e2e/review-seed.ts', id],
		{ env: { ...process.env, ...app.env } }
	);
	return (JSON.parse(stdout.trim().split('\n').at(-1)!) as { seq: number }).seq;
}

test('reports: the printable page, a DOCX download that parses, field errors on the summary form', async ({
	app,
	page,
	context
}) => {
	const id = 'e2e-major-1';
	const seq = await seed(app, id);
	const base = await onOrigin(app, context);

	await page.goto(`${app.url}/incidents/${id}/report?kind=summary`);
	const report = page.getByTestId('report');
	await expect(report).toHaveAttribute('data-kind', 'summary');
	await expect(page.getByTestId('provenance')).toContainText(`依据日志第 ${seq} 条`);
	await expect(page.getByTestId('table-timeline')).toContainText('启动响应');
	await expect(page.getByTestId('table-clocks')).toContainText('电话报部');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('docx-link').click()
	]);
	expect(download.suggestedFilename()).toBe(`summary-report-${id}-seq${seq}.docx`);
	const docx = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
	const text = strFromU8(docx['word/document.xml']!).replace(/<[^>]+>/g, '');
	expect(text).toContain('应急处置工作总结报告');
	expect(text).toContain('深圳某精密制造有限公司');
	// Phone to the ministry 14 min after discovery: the 10-minute clock was missed.
	expect(text).toMatch(/电话报部.*超时/);
	expect(text).toContain(`依据日志第 ${seq} 条`);

	// A bad kind is a 400 naming the field.
	const bad = await page.request.get(`${app.url}/incidents/${id}/report.docx?kind=nope`);
	expect(bad.status()).toBe(400);
	expect(await bad.json()).toEqual({ errors: { kind: expect.stringContaining('kind') } });

	// The summary form: prefilled from the log; empty required fields come back named.
	await page.goto(`${base}/incidents/${id}/summary`);
	await expect(page.locator('input[name="filingUnit"]')).toHaveValue('深圳某精密制造有限公司');
	await page.locator('textarea[name="basicFacts.cause"]').fill('弱口令');
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByTestId('error-basicFacts.course')).toBeVisible();
	await expect(page.getByTestId('error-lessonsLearned')).toBeVisible();
	await expect(page.getByTestId('error-basicFacts.cause')).toHaveCount(0);
});

test('review replays the window and stats count the incident', async ({ app, page }) => {
	const id = 'e2e-major-2';
	await seed(app, id);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));

	await page.goto(`${app.url}/review?region=national`);
	const row = page.locator(`[data-testid="incidents"] tr[data-incident="${id}"]`);
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('重大');
	// Back to the window's start: nothing of it was known yet. Step event by event until the
	// report arrives: it is open (graded later, ended later still).
	const scrubber = page.getByTestId('scrubber');
	await scrubber.fill(String(await scrubber.getAttribute('min')));
	await expect(row).toHaveCount(0);
	// The run's database holds earlier tests' events too: step at most once per event listed.
	const steps = await page.locator('[data-testid="events"] tbody tr').count();
	for (let i = 0; i <= steps && (await row.count()) === 0; i++)
		await page.getByTestId('next').click();
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('—');
	expect(Number(await page.getByTestId('open-count').textContent())).toBeGreaterThanOrEqual(1);
	// The share link carries the instant.
	await expect(page.getByTestId('share')).toHaveAttribute('href', /t=/);

	await page.goto(`${app.url}/stats`);
	await expect(page.getByTestId('counts-level')).toContainText('重大');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('csv-link').click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv).toContain('count,');
	expect(csv).toMatch(/,level,major,[1-9]\d*,/);

	// Bad query parameters: 400 naming the field, for the CSV and the pages alike.
	const badCsv = await page.request.get(`${app.url}/stats.csv?drills=sometimes&from=2026-13`);
	expect(badCsv.status()).toBe(400);
	expect(Object.keys(((await badCsv.json()) as { errors: object }).errors).sort()).toEqual([
		'drills',
		'from'
	]);
	expect((await page.request.get(`${app.url}/review?from=yesterday`)).status()).toBe(400);
	expect((await page.request.get(`${app.url}/review?region=999999`)).status()).toBe(400);
	expect(errors).toEqual([]);
});
