import { dutyLog, storeFor } from './helpers';
import { expect, test } from './fixtures';

test('the shell page follows the log live and catches up after a server restart', async ({
	app,
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));

	const { store, database } = await storeFor(app);
	try {
		const base = await store.headSeq();
		await page.goto(app.url);
		const connection = page.getByTestId('connection');
		await expect(connection).toHaveAttribute('data-status', 'connected');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(connection).toContainText('已连接');

		// An event appended by another node appears without a reload.
		const first = await store.append(dutyLog('交接班：广东通信管理局值班员到岗'));
		await expect(page.locator(`li[data-seq="${first.lastSeq}"]`)).toContainText('交接班');
		await expect(page.getByTestId('last-seq')).toHaveText(String(first.lastSeq));

		// The server goes away: the page says so, and events keep landing in the log meanwhile.
		await app.stop();
		await expect(connection).toHaveAttribute('data-status', 'reconnecting');
		await expect(connection).toContainText('正在重连');
		for (let i = 0; i < 5; i++) await store.append(dutyLog(`断线期间记录 ${i}`));
		await app.start();
		await expect(connection).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
		const live = await store.append(dutyLog('恢复后第一条'));
		await expect(page.locator(`li[data-seq="${live.lastSeq}"]`)).toBeVisible();

		// Every seq since the page opened is there exactly once.
		const seqs = (
			await page
				.locator('li[data-seq]')
				.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))))
		)
			.filter((s) => s > base)
			.sort((a, b) => a - b);
		expect(seqs).toEqual(Array.from({ length: live.lastSeq - base }, (_, i) => base + 1 + i));
		await expect(page.getByTestId('last-seq')).toHaveText(String(live.lastSeq));
		expect(errors).toEqual([]);
	} finally {
		await database.close();
	}
});

test('healthz reports the database, the last seq and uptime', async ({ app, request }) => {
	const { store, database } = await storeFor(app);
	try {
		const appended = await store.append(dutyLog('health probe'));
		const res = await request.get(`${app.url}/healthz`);
		expect(res.status()).toBe(200);
		const body = (await res.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ ok: true, db: 'postgres' });
		expect(body.lastSeq).toBeGreaterThanOrEqual(appended.lastSeq);
		expect(typeof body.uptimeS).toBe('number');
	} finally {
		await database.close();
	}
});

test('the page switches to English and back', async ({ app, page }) => {
	await page.goto(`${app.url}/?lang=en`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('connection')).toContainText('Connected');
	await page.getByRole('link', { name: '中文' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('a socket handshake from a foreign origin is refused', async ({ app }) => {
	const res = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, {
		headers: { origin: 'https://evil.example' }
	});
	expect(res.status).toBe(403);
	const ok = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, {
		headers: { origin: app.url }
	});
	expect(ok.status).toBe(200);
});
