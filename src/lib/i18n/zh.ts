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
	},
	wall: {
		title: '烽火 · 应急指挥大屏',
		national: '全国',
		asOf: '数据截至 {{time}}',
		panel: {
			map: '事件态势',
			distribution: '在办事件分布',
			clocks: '响应时限',
			agencies: '应急支撑机构',
			ticker: '最新动态',
			watch: '重大活动保障'
		},
		level: { ungraded: '未定级' },
		map: {
			open: '在办事件',
			highest: '最高级别',
			warning: '预警',
			overdue: '超时',
			badge: '超时{{count}}',
			drill: '演练事件',
			none: '无',
			xpcc: '含新疆生产建设兵团：{{count}} 起',
			provinceWide: '全省（未细分到市）',
			separatelyPlanned: '计划单列市',
			legendLevel: '填色：最高在办级别',
			legendWarning: '边框：生效预警颜色',
			legendBadge: '红色角标：超时时限数',
			legendCity: '◆ 计划单列市',
			orgs: '涉事单位'
		},
		distribution: {
			total: '在办',
			trend24h: '近24小时新报（按小时）',
			trend7d: '近7日新报（按日）',
			drillExcluded: '另有演练 {{count}} 起（不计入）',
			reported: '新报'
		},
		clocks: {
			empty: '暂无运行中的时限',
			overdue: '已超时',
			dueSoon: '即将到期',
			running: '计时中',
			watchRule: '保障期从严',
			more: '另有 {{count}} 项',
			due: '截止 {{time}}',
			total: '共 {{count}} 项',
			owes: '责任方'
		},
		duty: {
			report_local: '向属地报告',
			ministry_phone: '电话报部',
			ministry_written: '书面报部',
			leading_group_phone: '电话报领导小组',
			leading_group_written: '书面报领导小组',
			progress: '进展报告',
			processor_summary: '处理者总结报告',
			regulator_summary: '监管部门总结报告',
			agency_acceptance: '支撑机构接单',
			agency_arrival: '支撑机构到场',
			zero_report: '零报告'
		},
		party: {
			ministry: '工信部数据安全机制',
			regulator: '{{region}}{{sector}}监管部门',
			processor: '数据处理者',
			agency: '支撑机构'
		},
		agency: {
			empty: '暂无支撑机构',
			load: '负载',
			standby: '待命',
			ministryTier: '部级',
			localTier: '地方',
			assigned: '待接单',
			accepted: '已接单',
			arrived: '已到场',
			idle: '无任务',
			more: '另有 {{count}} 家'
		},
		capability: {
			forensics: '取证',
			recovery: '恢复',
			tracing: '溯源',
			monitoring: '监测'
		},
		warning: {
			title: '{{colour}}预警',
			until: '有效至 {{time}}',
			left: '剩余 {{left}}',
			scope: '范围'
		},
		watch: {
			banner: '保障期',
			endsIn: '距结束',
			startsIn: '距开始',
			zeroReport: '零报告（{{date}}，{{time}} 前）',
			missing: '未报 {{count}}',
			reported: '已报',
			late: '迟报',
			pending: '待报',
			overdue: '超时未报',
			stricter: '从严时限'
		},
		drill: { watermark: '演练', tag: '演练', running: '演练进行中：{{name}}' },
		stale: '连接中断，显示 {{time}} 的数据',
		live: '实时',
		ticker: { empty: '暂无事件' },
		days: '{{count}}天',
		event: {
			IncidentReported: '事件上报',
			FirstHandlingStarted: '先期处置',
			IncidentSelfGraded: '自行定级',
			IncidentReportedLocal: '报告属地监管',
			LevelConfirmed: '监管定级',
			IncidentReportedMinistry: '报告工信部',
			IncidentReportedLeadingGroup: '报告领导小组',
			ResponseStarted: '启动响应',
			ProgressRecorded: '进展报告',
			LevelChangeRequested: '申请调级',
			LevelChanged: '级别调整',
			ResponseEnded: '响应结束',
			SummarySubmitted: '提交总结报告',
			RegulatorSummarySubmitted: '监管总结报告',
			IncidentClosed: '事件关闭',
			IncidentWithdrawn: '事件撤销',
			IncidentMerged: '事件合并',
			WarningIssued: '发布预警',
			WarningAdjusted: '调整预警',
			WarningLifted: '解除预警',
			WarningIncidentLinked: '预警关联事件',
			AgencyRegistered: '支撑机构登记',
			AgencyAssigned: '指派支撑机构',
			AssignmentAccepted: '支撑机构接单',
			AssignmentDeclined: '支撑机构拒单',
			AgencyProgressRecorded: '支撑机构进展',
			AgencyReleased: '支撑机构释放',
			WatchPeriodCreated: '设立保障期',
			WatchPeriodAmended: '调整保障期',
			WatchPeriodEnded: '保障期结束',
			ZeroReportSubmitted: '零报告',
			DrillStarted: '演练开始',
			DrillStopped: '演练中止',
			DrillCompleted: '演练完成',
			DutyLogEntryRecorded: '值班记录',
			other: '事件'
		}
	}
} as const;
