import { describe, expect, it } from 'vitest';
import { chinaYmd, clockText, durationText, escapeHtml } from './format';

describe('format', () => {
	it('formats signed durations for the wall', () => {
		expect(durationText(83_000, 'zh')).toBe('0:01:23');
		expect(durationText(-3_723_000, 'zh')).toBe('−1:02:03');
		expect(durationText(2 * 86_400_000 + 3_660_000, 'zh')).toBe('2天 01:01');
		expect(durationText(2 * 86_400_000 + 3_660_000, 'en')).toBe('2d 01:01');
	});

	it('shows China time whatever the machine zone', () => {
		expect(clockText('2026-09-18T16:05:09.000Z')).toBe('00:05:09');
		expect(chinaYmd('2026-09-18T16:05:09.000Z')).toBe('2026-09-19');
	});

	it('escapes HTML for chart tooltips', () => {
		expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
			'&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;'
		);
	});
});
