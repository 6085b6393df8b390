import { CHINA_OFFSET_MS } from '$lib/domain/calendar/calendar';
import { LEVEL_LABEL, SECTOR_LABEL, type Level, type Sector } from '$lib/domain/levels';
import { regionByCode } from '$lib/domain/regions';

export type Lang = 'zh' | 'en';

/** An instant (epoch ms) as an ISO string. */
export const isoAt = (ms: number) => new Date(ms).toISOString();

const pad = (n: number) => String(n).padStart(2, '0');

function china(ms: number): Date {
	return new Date(ms + CHINA_OFFSET_MS);
}

/** 'HH:MM:SS' (or 'HH:MM') China time. */
export function clockText(at: string | number, seconds = true): string {
	const d = china(typeof at === 'number' ? at : Date.parse(at));
	const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
	return seconds ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}

/** 'MM-DD HH:MM' China time. */
export function dayTimeText(at: string | number): string {
	const d = china(typeof at === 'number' ? at : Date.parse(at));
	return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clockText(at, false)}`;
}

/** 'YYYY-MM-DD' China date. */
export function chinaYmd(at: string | number): string {
	return china(typeof at === 'number' ? at : Date.parse(at))
		.toISOString()
		.slice(0, 10);
}

/**
 * A signed duration as a wall reads it: `H:MM:SS` under a day, `Nd HH:MM` (`N天 HH:MM`) above.
 * Negative durations (overdue) get a leading minus sign.
 */
export function durationText(ms: number, lang: Lang): string {
	const sign = ms < 0 ? '−' : '';
	const total = Math.floor(Math.abs(ms) / 1000);
	const days = Math.floor(total / 86_400);
	const h = Math.floor((total % 86_400) / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	if (days > 0) return `${sign}${days}${lang === 'zh' ? '天' : 'd'} ${pad(h)}:${pad(m)}`;
	return `${sign}${h}:${pad(m)}:${pad(s)}`;
}

export function levelText(level: Level | null, lang: Lang): string {
	if (!level) return lang === 'zh' ? '未定级' : 'Ungraded';
	return LEVEL_LABEL[level][lang];
}

export function sectorText(sector: Sector, lang: Lang): string {
	return SECTOR_LABEL[sector][lang];
}

/** A region's display name (short: no 省/市 suffix needed on a wall, but the full name is exact). */
export function regionText(code: string, lang: Lang): string {
	const r = regionByCode(code);
	if (!r) return code;
	return lang === 'zh' ? r.name : r.en;
}

/** HTML-escape for ECharts formatters (tooltips render HTML): same set as echarts' encodeHTML. */
export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}
