/**
 * The plan's four incident levels, four warning colours, three sectors and three data grades.
 * Level order matters: index 0 is the most severe (特别重大, level I).
 */
export const LEVELS = ['especially_major', 'major', 'relatively_large', 'general'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABEL: Record<Level, { zh: string; en: string }> = {
	especially_major: { zh: '特别重大', en: 'Especially major' },
	major: { zh: '重大', en: 'Major' },
	relatively_large: { zh: '较大', en: 'Relatively large' },
	general: { zh: '一般', en: 'General' }
};

/** Severity rank: 4 = 特别重大 … 1 = 一般. Higher is more severe. */
export function levelRank(level: Level): number {
	return LEVELS.length - LEVELS.indexOf(level);
}

/** The more severe of two levels. */
export function maxLevel(a: Level, b: Level): Level {
	return levelRank(a) >= levelRank(b) ? a : b;
}

/** True when `a` is at least as severe as `b`. */
export function atLeast(a: Level, b: Level): boolean {
	return levelRank(a) >= levelRank(b);
}

export const WARNING_COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
export type WarningColour = (typeof WARNING_COLOURS)[number];

/** A warning colour announces a possible incident of the matching level. */
export const COLOUR_LEVEL: Record<WarningColour, Level> = {
	red: 'especially_major',
	orange: 'major',
	yellow: 'relatively_large',
	blue: 'general'
};

/** Severity rank of a warning colour, as of the level it announces: red 4 … blue 1. */
export function colourRank(colour: WarningColour): number {
	return levelRank(COLOUR_LEVEL[colour]);
}

export const COLOUR_LABEL: Record<WarningColour, { zh: string; en: string }> = {
	red: { zh: '红色', en: 'Red' },
	orange: { zh: '橙色', en: 'Orange' },
	yellow: { zh: '黄色', en: 'Yellow' },
	blue: { zh: '蓝色', en: 'Blue' }
};

export const SECTORS = ['industrial', 'telecom', 'radio'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABEL: Record<Sector, { zh: string; en: string }> = {
	industrial: { zh: '工业', en: 'Industrial' },
	telecom: { zh: '电信', en: 'Telecom' },
	radio: { zh: '无线电', en: 'Radio' }
};

export const DATA_GRADES = ['general', 'important', 'core'] as const;
export type DataGrade = (typeof DATA_GRADES)[number];

export const DATA_GRADE_LABEL: Record<DataGrade, { zh: string; en: string }> = {
	general: { zh: '一般数据', en: 'General data' },
	important: { zh: '重要数据', en: 'Important data' },
	core: { zh: '核心数据', en: 'Core data' }
};

/** "尚不明确": an explicit "not yet clear" answer, valid for any reported fact. */
export const UNKNOWN = 'unknown' as const;
export type Unknown = typeof UNKNOWN;
export type Maybe<T> = T | Unknown;
export function isKnown<T>(v: Maybe<T>): v is T {
	return v !== UNKNOWN;
}
