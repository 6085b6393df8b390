import { describe, expect, it } from 'vitest';
import { atLeast, maxLevel, levelRank } from './levels';

describe('levels', () => {
	it('orders levels by severity', () => {
		expect(levelRank('especially_major')).toBe(4);
		expect(levelRank('general')).toBe(1);
		expect(maxLevel('general', 'major')).toBe('major');
		expect(atLeast('relatively_large', 'major')).toBe(false);
	});
});
