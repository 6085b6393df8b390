import { accountsFor, TEST_PASSWORD } from './auth';
import { expect, test } from './fixtures';

test.use({ signedIn: false });

/**
 * The server's own ORIGIN (127.0.0.1): SvelteKit refuses form posts from any other origin, so
 * these browser tests work there rather than on app.url (localhost).
 */
const originOf = (port: number) => `http://127.0.0.1:${port}`;

test('sign-in gives one answer for every failure, and signing out ends the session', async ({
	app,
	page
}) => {
	const base = originOf(app.port);
	const accounts = await accountsFor(app);
	const user = await accounts.user({ role: 'ministry', displayName: '部值班员' });
	await accounts.close();

	await page.goto(`${base}/`);
	await expect(page).toHaveURL(/\/login\?next=%2F$/);

	const attempt = async (username: string, password: string) => {
		await page.getByLabel('用户名').fill(username);
		await page.getByLabel('密码', { exact: true }).fill(password);
		await page.getByRole('button', { name: '登录' }).click();
	};
	await attempt('nobody-at-all', TEST_PASSWORD);
	const unknown = await page.getByTestId('login-error').textContent();
	await attempt(user.username, 'not-the-password');
	await expect(page.getByTestId('login-error')).toHaveText(unknown!);

	await attempt(user.username, TEST_PASSWORD);
	await expect(page).toHaveURL(`${base}/`);
	await expect(page.getByTestId('signed-in')).toContainText('部值班员');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

	await page.getByTestId('logout').click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto(`${base}/wall/national`);
	await expect(page).toHaveURL(/\/login\?next=/);
});

test('an administrator pairs a wall with a device link, sees it online, and revoking it shows 已吊销', async ({
	app,
	browser
}) => {
	const base = originOf(app.port);
	const accounts = await accountsFor(app);
	const admin = await accounts.user({ role: 'admin' });
	await accounts.close();

	const adminPage = await (await browser.newContext()).newPage();
	await adminPage.goto(`${base}/login`);
	await adminPage.getByLabel('用户名').fill(admin.username);
	await adminPage.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
	await adminPage.getByRole('button', { name: '登录' }).click();
	await expect(adminPage).toHaveURL(`${base}/admin`);

	await adminPage.goto(`${base}/admin/displays`);
	const create = adminPage.getByTestId('create-display');
	await create.getByLabel('名称').fill('广东省通信管理局大屏');
	await create.getByLabel('地区').selectOption('440000');
	await create.getByRole('button', { name: '新建' }).click();
	const link = (await adminPage.getByTestId('pairing-link').textContent())!.trim();
	expect(link).toMatch(/\/pair\/[A-Z2-7]{10}$/);

	// The wall opens the device link and pairs by itself.
	const wall = await (await browser.newContext()).newPage();
	await wall.goto(link.replace(/^http:\/\/[^/]+/, base));
	await expect(wall).toHaveURL(`${base}/wall/440000`);
	await expect(wall.getByTestId('wall')).toBeVisible();
	// Its credential is read-only: no person's pages.
	const home = await wall.request.get(`${base}/`, { maxRedirects: 0 });
	expect(home.status()).toBe(403);
	// A used code does not pair a second device.
	const other = await (await browser.newContext()).newPage();
	await other.goto(link.replace(/^http:\/\/[^/]+/, base));
	await expect(other.getByTestId('pair-error')).toBeVisible();

	await adminPage.goto(`${base}/admin/displays`);
	const row = adminPage.locator('tr', { hasText: '广东省通信管理局大屏' });
	await expect(row).toContainText('已配对');
	await expect(row.locator('td').nth(3)).not.toHaveText('—');
	await row.getByRole('button', { name: '吊销' }).click();
	await expect(adminPage.locator('tr', { hasText: '广东省通信管理局大屏' })).toContainText(
		'已吊销'
	);

	// Within seconds the wall's socket is dropped and it says so.
	await expect(wall.getByTestId('revoked')).toContainText('已吊销', { timeout: 10_000 });
	await wall.goto(`${base}/wall/440000`);
	await expect(wall).toHaveURL(`${base}/revoked`);
});

test('an administrator creates an account (bad input refused field by field), and disabling it signs its open page out', async ({
	app,
	browser
}) => {
	const base = originOf(app.port);
	const accounts = await accountsFor(app);
	const admin = await accounts.user({ role: 'admin' });
	await accounts.close();

	const adminPage = await (await browser.newContext()).newPage();
	await adminPage.goto(`${base}/login`);
	await adminPage.getByLabel('用户名').fill(admin.username);
	await adminPage.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
	await adminPage.getByRole('button', { name: '登录' }).click();
	await adminPage.goto(`${base}/admin/users`);

	const create = adminPage.getByTestId('create-user');
	await create.getByLabel('用户名').fill('gx-telecom-duty');
	await create.getByLabel('名称').fill('广西通信管理局值班员');
	await create.getByLabel('密码').fill('short');
	await create.getByLabel('类型').selectOption('regulator');
	await create.getByLabel('地区').selectOption('450000');
	await create.getByRole('button', { name: '新建' }).click();
	await expect(adminPage.locator('[data-field="password"]').first()).toHaveText(
		'密码至少 12 个字符'
	);
	await expect(adminPage.locator('[data-field="sector"]').first()).toHaveText('请选择行业领域');
	await expect(adminPage.locator('tr[data-username="gx-telecom-duty"]')).toHaveCount(0);

	await create.getByLabel('用户名').fill('gx-telecom-duty');
	await create.getByLabel('名称').fill('广西通信管理局值班员');
	await create.getByLabel('密码').fill('gx-telecom-password');
	await create.getByLabel('类型').selectOption('regulator');
	await create.getByLabel('地区').selectOption('450000');
	await create.getByLabel('领域').selectOption('telecom');
	await create.getByRole('button', { name: '新建' }).click();
	await expect(adminPage.locator('tr[data-username="gx-telecom-duty"]')).toContainText('正常');

	// The new regulator signs in and follows its own room live.
	const userPage = await (await browser.newContext()).newPage();
	await userPage.goto(`${base}/login`);
	await userPage.getByLabel('用户名').fill('gx-telecom-duty');
	await userPage.getByLabel('密码', { exact: true }).fill('gx-telecom-password');
	await userPage.getByRole('button', { name: '登录' }).click();
	await expect(userPage.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

	await adminPage
		.locator('tr[data-username="gx-telecom-duty"]')
		.getByRole('button', { name: '停用' })
		.click();
	await expect(adminPage.locator('tr[data-username="gx-telecom-duty"]')).toContainText('已停用');
	// Within seconds its socket is dropped and the page goes back to sign-in.
	await expect(userPage).toHaveURL(/\/login/, { timeout: 10_000 });
});
