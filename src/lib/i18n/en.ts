import type { Messages } from './index';

export const en: Messages = {
	app: {
		name: 'Fenghuo',
		tagline: 'Data-security incident emergency command, industry and IT sector'
	},
	conn: {
		connecting: 'Connecting',
		connected: 'Connected',
		reconnecting: 'Reconnecting',
		stale: 'Stale since {{time}}',
		position: 'Log position',
		asOf: 'Data as of {{time}}'
	},
	shell: {
		latest: 'Latest events',
		empty: 'No events yet',
		drill: 'DRILL',
		language: '中文'
	},
	event: {
		DutyLogEntryRecorded: 'Duty log entry'
	},
	wall: {
		title: 'Fenghuo · Command wall',
		national: 'National',
		asOf: 'Data as of {{time}}',
		panel: {
			map: 'Situation',
			distribution: 'Open incidents',
			clocks: 'Response clocks',
			agencies: 'Support agencies',
			ticker: 'Latest',
			watch: 'Watch period'
		},
		level: { ungraded: 'Ungraded' },
		map: {
			open: 'Open incidents',
			highest: 'Highest level',
			warning: 'Warning',
			overdue: 'Overdue',
			badge: '{{count}} late',
			drill: 'Drill incidents',
			none: 'None',
			xpcc: 'Incl. XPCC: {{count}}',
			provinceWide: 'Province-wide (no city)',
			separatelyPlanned: 'Separately planned city',
			legendLevel: 'Fill: highest open level',
			legendWarning: 'Border: active warning colour',
			legendBadge: 'Red badge: overdue clocks',
			legendCity: '◆ Separately planned city',
			orgs: 'Organisations'
		},
		distribution: {
			total: 'Open',
			trend24h: 'Reported, last 24 h (hourly)',
			trend7d: 'Reported, last 7 days (daily)',
			drillExcluded: 'Plus {{count}} drill (not counted)',
			reported: 'Reported'
		},
		clocks: {
			empty: 'No running clocks',
			overdue: 'Overdue',
			dueSoon: 'Due soon',
			running: 'Running',
			watchRule: 'Watch rule',
			more: '{{count}} more',
			due: 'Due {{time}}',
			total: '{{count}} in all',
			owes: 'Owed by'
		},
		duty: {
			report_local: 'Report to local regulator',
			ministry_phone: 'Phone the ministry',
			ministry_written: 'Written report to ministry',
			leading_group_phone: 'Phone the leading group',
			leading_group_written: 'Written report to leading group',
			progress: 'Progress report',
			processor_summary: 'Processor summary',
			regulator_summary: 'Regulator summary',
			agency_acceptance: 'Agency acceptance',
			agency_arrival: 'Agency on site',
			zero_report: 'Zero report'
		},
		party: {
			ministry: 'MIIT data-security mechanism',
			regulator: '{{region}} {{sector}} regulator',
			processor: 'Data processor',
			agency: 'Support agency'
		},
		agency: {
			empty: 'No support agencies',
			load: 'Load',
			standby: 'Standby',
			ministryTier: 'Ministry',
			localTier: 'Local',
			assigned: 'Awaiting',
			accepted: 'Accepted',
			arrived: 'On site',
			idle: 'Idle',
			more: '{{count}} more'
		},
		capability: {
			forensics: 'Forensics',
			recovery: 'Recovery',
			tracing: 'Tracing',
			monitoring: 'Monitoring'
		},
		warning: {
			title: '{{colour}} warning',
			until: 'Valid until {{time}}',
			left: '{{left}} left',
			scope: 'Scope'
		},
		watch: {
			banner: 'Watch period',
			endsIn: 'Ends in',
			startsIn: 'Starts in',
			zeroReport: 'Zero reports ({{date}}, due {{time}})',
			missing: '{{count}} missing',
			reported: 'Reported',
			late: 'Late',
			pending: 'Pending',
			overdue: 'Overdue',
			stricter: 'Stricter clocks'
		},
		drill: { watermark: '演练 DRILL', tag: 'DRILL', running: 'Drill running: {{name}}' },
		stale: 'Connection lost: showing data as of {{time}}',
		live: 'Live',
		ticker: { empty: 'No events yet' },
		days: '{{count}}d',
		event: {
			IncidentReported: 'Incident reported',
			FirstHandlingStarted: 'First handling',
			IncidentSelfGraded: 'Self-graded',
			IncidentReportedLocal: 'Reported to regulator',
			LevelConfirmed: 'Level confirmed',
			IncidentReportedMinistry: 'Reported to ministry',
			IncidentReportedLeadingGroup: 'Reported to leading group',
			ResponseStarted: 'Response started',
			ProgressRecorded: 'Progress',
			LevelChangeRequested: 'Level change requested',
			LevelChanged: 'Level changed',
			ResponseEnded: 'Response ended',
			SummarySubmitted: 'Summary filed',
			RegulatorSummarySubmitted: 'Regulator summary',
			IncidentClosed: 'Closed',
			IncidentWithdrawn: 'Withdrawn',
			IncidentMerged: 'Merged',
			WarningIssued: 'Warning issued',
			WarningAdjusted: 'Warning adjusted',
			WarningLifted: 'Warning lifted',
			WarningIncidentLinked: 'Warning linked',
			AgencyRegistered: 'Agency registered',
			AgencyAssigned: 'Agency assigned',
			AssignmentAccepted: 'Assignment accepted',
			AssignmentDeclined: 'Assignment declined',
			AgencyProgressRecorded: 'Agency progress',
			AgencyReleased: 'Agency released',
			WatchPeriodCreated: 'Watch period set',
			WatchPeriodAmended: 'Watch period amended',
			WatchPeriodEnded: 'Watch period ended',
			ZeroReportSubmitted: 'Zero report',
			DrillStarted: 'Drill started',
			DrillStopped: 'Drill stopped',
			DrillCompleted: 'Drill completed',
			DutyLogEntryRecorded: 'Duty log entry',
			other: 'Event'
		}
	}
};
