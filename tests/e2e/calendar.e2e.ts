import { accountsFor, TEST_PASSWORD } from './auth';
import { expect, test } from './fixtures';

test.use({ signedIn: false });

const originOf = (port: number) => `http://127.0.0.1:${port}`;
const DAY_MS = 86_400_000;
/** Today's date in China time, as the server counts days. */
const chinaToday = () =>
	Date.parse(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

test("an administrator enters next year's holiday notice, refused first for a bad date", async ({
	app,
	page
}) => {
	const base = originOf(app.port);
	const accounts = await accountsFor(app);
	const admin = await accounts.user({ role: 'admin' });
	await accounts.close();

	await page.goto(`${base}/login`);
	await page.getByLabel('用户名').fill(admin.username);
	await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(`${base}/admin`);
	await page.getByRole('link', { name: '节假日安排' }).click();
	await expect(page).toHaveURL(`${base}/admin/calendar`);

	// The screen warns from 60 days before the last covered day, whatever today is.
	const until = (await page.getByTestId('covered-until').textContent())!.trim();
	const daysLeft = Math.round((Date.parse(until) - chinaToday()) / DAY_MS);
	await expect(page.getByTestId('calendar-notice')).toBeVisible({ visible: daysLeft <= 60 });

	const form = page.getByTestId('calendar-form');
	const year = Number(await form.getByLabel('年份').inputValue());
	expect(year).toBe(Number(until.slice(0, 4)) + 1);
	// The first Saturday of February of that year: a plausible 春节 make-up working day.
	const feb1 = new Date(Date.UTC(year, 1, 1));
	const saturday = new Date(feb1.getTime() + ((6 - feb1.getUTCDay() + 7) % 7) * DAY_MS)
		.toISOString()
		.slice(0, 10);

	await form.getByLabel('通知文号').fill(`国办发明电〔${year - 1}〕E2E号`);
	await form.getByLabel('放假日期').fill(`${year}-01-01\n${year}-02-31`);
	await form.getByLabel('调休上班日期（周六、周日）').fill(saturday);
	await form.getByRole('button', { name: '录入' }).click();
	const holidays = form.getByLabel('放假日期');
	await expect(holidays).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#cal-holidays-error')).toContainText('YYYY-MM-DD');
	await expect(page.getByTestId('calendar-amendments')).toContainText('暂无录入记录');

	await form.getByLabel('通知文号').fill(`国办发明电〔${year - 1}〕E2E号`);
	await holidays.fill(`${year}-01-01 ~ ${year}-01-03\n${year}-02-10 ~ ${year}-02-16`);
	await form.getByLabel('调休上班日期（周六、周日）').fill(saturday);
	await form.getByRole('button', { name: '录入' }).click();
	await expect(page.getByTestId('calendar-saved')).toBeVisible();
	await expect(page.getByTestId('calendar-amendments')).toContainText(
		`国办发明电〔${year - 1}〕E2E号`
	);
	await expect(page.getByTestId('covered-until')).toHaveText(`${year}-12-31`);
	// The next year to enter moves on.
	await expect(form.getByLabel('年份')).toHaveValue(String(year + 1));
});
