import type { Agency } from '../agency';

/**
 * The demo registry of support agencies (应急支撑机构): three ministry-tier agencies serving
 * every region and nine local ones serving their province and its 计划单列市. Names, contacts
 * and numbers are invented (010-0000xxxx style numbers, example.cn mail).
 */
export const DEMO_AGENCIES: readonly Agency[] = [
	{
		id: 'ag-nat-01',
		name: '华夏数安应急技术支撑中心（演示）',
		tier: 'ministry',
		regionsServed: ['110000'],
		capabilities: ['forensics', 'recovery', 'tracing', 'monitoring'],
		capacity: 8,
		contact: { name: '应急值班室 周工', phone: '010-00001101', email: 'duty@hx-dsec.example.cn' }
	},
	{
		id: 'ag-nat-02',
		name: '衡安网络攻击溯源实验室（演示）',
		tier: 'ministry',
		regionsServed: ['110000'],
		capabilities: ['forensics', 'tracing'],
		capacity: 5,
		contact: { name: '技术值班 吴工', phone: '010-00001102', email: 'soc@hengan-lab.example.cn' }
	},
	{
		id: 'ag-nat-03',
		name: '天穹频谱与数据监测技术中心（演示）',
		tier: 'ministry',
		regionsServed: ['110000'],
		capabilities: ['monitoring', 'tracing'],
		capacity: 4,
		contact: { name: '监测值班 郑工', phone: '010-00001103' }
	},
	{
		id: 'ag-gd-01',
		name: '粤安数据安全应急服务有限公司（演示）',
		tier: 'local',
		regionsServed: ['440000', '440300'],
		capabilities: ['forensics', 'recovery', 'monitoring'],
		capacity: 4,
		contact: { name: '应急响应部 陈工', phone: '020-00002201', email: 'ir@yuean.example.cn' }
	},
	{
		id: 'ag-js-01',
		name: '苏数盾网络安全技术有限公司（演示）',
		tier: 'local',
		regionsServed: ['320000'],
		capabilities: ['forensics', 'recovery', 'tracing'],
		capacity: 3,
		contact: { name: '值班经理 钱工', phone: '025-00002301' }
	},
	{
		id: 'ag-zj-01',
		name: '之江数据安全应急支撑中心（演示）',
		tier: 'local',
		regionsServed: ['330000', '330200'],
		capabilities: ['forensics', 'tracing', 'monitoring'],
		capacity: 3,
		contact: { name: '应急值班 孙工', phone: '0571-00002401', email: 'duty@zjsec.example.cn' }
	},
	{
		id: 'ag-sd-01',
		name: '齐鲁工控安全应急服务中心（演示）',
		tier: 'local',
		regionsServed: ['370000', '370200'],
		capabilities: ['forensics', 'recovery'],
		capacity: 3,
		contact: { name: '应急值班 冯工', phone: '0531-00002501' }
	},
	{
		id: 'ag-bj-01',
		name: '京畿数据恢复与取证有限公司（演示）',
		tier: 'local',
		regionsServed: ['110000'],
		capabilities: ['forensics', 'recovery'],
		capacity: 3,
		contact: { name: '取证组 何工', phone: '010-00002601' }
	},
	{
		id: 'ag-sh-01',
		name: '申城网络安全应急响应中心（演示）',
		tier: 'local',
		regionsServed: ['310000'],
		capabilities: ['forensics', 'recovery', 'tracing', 'monitoring'],
		capacity: 4,
		contact: { name: '应急值班 沈工', phone: '021-00002701', email: 'cert@shencheng.example.cn' }
	},
	{
		id: 'ag-sc-01',
		name: '蜀安信息安全测评中心（演示）',
		tier: 'local',
		regionsServed: ['510000'],
		capabilities: ['forensics', 'monitoring'],
		capacity: 2,
		contact: { name: '技术支撑部 罗工', phone: '028-00002801' }
	},
	{
		id: 'ag-ha-01',
		name: '中原数据安全技术服务有限公司（演示）',
		tier: 'local',
		regionsServed: ['410000'],
		capabilities: ['forensics', 'recovery'],
		capacity: 2,
		contact: { name: '应急值班 马工', phone: '0371-00002901' }
	},
	{
		id: 'ag-hb-01',
		name: '荆楚网络安全应急保障中心（演示）',
		tier: 'local',
		regionsServed: ['420000'],
		capabilities: ['forensics', 'tracing', 'recovery'],
		capacity: 2,
		contact: { name: '值班室 韩工', phone: '027-00003001' }
	}
];
