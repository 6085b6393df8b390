/** Simplified Chinese: the default language. Keys are shared with en.ts (checked by type). */
export const zh = {
	app: {
		name: '烽火',
		tagline: '工业和信息化领域数据安全事件应急指挥'
	},
	conn: {
		connecting: '正在连接',
		connected: '已连接',
		reconnecting: '正在重连',
		stale: '数据陈旧，自 {{time}} 起',
		position: '日志位置',
		asOf: '数据截至 {{time}}'
	},
	shell: {
		latest: '最新事件',
		empty: '暂无事件',
		drill: '演练',
		language: 'English'
	},
	event: {
		DutyLogEntryRecorded: '值班记录'
	}
} as const;
