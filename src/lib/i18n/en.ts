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
	}
};
