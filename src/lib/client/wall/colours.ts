import type { Level, WarningColour } from '$lib/domain/levels';

/** Fill colours of the four incident levels (theme.css --fh-level-1…4): 特别重大 red … 一般 blue. */
export const LEVEL_COLOUR: Record<Level, string> = {
	especially_major: '#dc2626',
	major: '#f97316',
	relatively_large: '#facc15',
	general: '#3b82f6'
};

/** Ungraded open incidents: visible, but clearly not a level. */
export const UNGRADED_COLOUR = '#94a3b8';

/** Warning colours, brighter than the level fills so a border stands out against them. */
export const WARNING_HEX: Record<WarningColour, string> = {
	red: '#ff3b3b',
	orange: '#ff9d2e',
	yellow: '#ffe23d',
	blue: '#4da3ff'
};

/** Text colour readable on a level or warning fill. */
export function inkOn(fill: string): string {
	return fill === LEVEL_COLOUR.relatively_large || fill === WARNING_HEX.yellow
		? '#111827'
		: '#ffffff';
}
