import { SHOWCASE_ORG } from '../../domain/scenario/demo';
import type { Env } from '../config/env';
import { logger } from '../log';
import type { AuthService } from './service';

/**
 * Accounts for the demo (FENGHUO_DEMO=on only). DEMO PASSWORDS: never use them anywhere real.
 * The organisations and agencies match the seeded demo world (src/lib/domain/scenario).
 */
export const DEMO_PASSWORD = 'fenghuo-demo-2024';
export const DEMO_ACCOUNTS = [
	{ username: 'demo-ministry', displayName: '工信部网络安全管理局（演示）', role: 'ministry' },
	{
		username: 'demo-gd-telecom',
		displayName: '广东省通信管理局（演示）',
		role: 'regulator',
		region: '440000',
		sector: 'telecom'
	},
	{
		username: 'demo-gd-industrial',
		displayName: '广东省工业和信息化厅（演示）',
		role: 'regulator',
		region: '440000',
		sector: 'industrial'
	},
	{
		username: 'demo-sz-industrial',
		displayName: '深圳市工业和信息化局（演示）',
		role: 'regulator',
		region: '440300',
		sector: 'industrial'
	},
	{
		username: 'demo-processor',
		displayName: '演示数据处理者',
		role: 'processor',
		orgId: SHOWCASE_ORG.orgId
	},
	{
		username: 'demo-agency',
		displayName: '演示应急支撑机构',
		role: 'agency',
		agencyId: 'ag-gd-01'
	},
	{ username: 'demo-admin', displayName: '系统管理员（演示）', role: 'admin' }
] as const;

/**
 * At start: the first administrator from FENGHUO_ADMIN_USER / FENGHUO_ADMIN_PASSWORD when no
 * admin exists; in demo mode also the demo accounts and a national display (its pairing link
 * is logged). Bootstrap writes no audit events: the demo only starts on a log it wrote itself.
 */
export async function bootstrapAccounts(auth: AuthService, e: Env): Promise<void> {
	const log = logger('auth');
	const by = 'system:bootstrap';
	if (e.FENGHUO_ADMIN_USER && e.FENGHUO_ADMIN_PASSWORD && (await auth.countAdmins()) === 0) {
		const created = await auth.createUser(
			{
				username: e.FENGHUO_ADMIN_USER,
				displayName: e.FENGHUO_ADMIN_USER,
				role: 'admin',
				password: e.FENGHUO_ADMIN_PASSWORD
			},
			by
		);
		if (created.ok) log.info({ username: e.FENGHUO_ADMIN_USER }, 'first administrator created');
		else log.error({ errors: created.errors }, 'FENGHUO_ADMIN_USER could not be created');
	}
	if (e.FENGHUO_DEMO !== 'on') return;
	for (const a of DEMO_ACCOUNTS) {
		if (await auth.findUser(a.username)) continue;
		if ('orgId' in a) {
			await auth.saveOrganisation(
				{ id: a.orgId, name: a.displayName, kind: 'processor', region: '440000' },
				by
			);
		}
		await auth.createUser({ ...a, password: DEMO_PASSWORD }, by);
	}
	const displays = await auth.listDisplays();
	if (!displays.some((d) => d.region === 'national' && !d.revokedAt)) {
		const made = await auth.createDisplay({ name: '全国大屏（演示）', region: 'national' }, by);
		if (made.ok) {
			log.info(
				{ url: `${e.ORIGIN}/pair/${made.value.code}` },
				'demo national display: open this link on the wall to pair it'
			);
		}
	} else {
		const pending = displays.find((d) => d.region === 'national' && !d.revokedAt && !d.pairedAt);
		if (pending) {
			const { code } = await auth.newPairingCode(pending.id);
			log.info(
				{ url: `${e.ORIGIN}/pair/${code}` },
				'demo national display: open this link on the wall to pair it'
			);
		}
	}
}
