import { describe, expect, it } from 'vitest';
import { contentDigest, pictureDigest } from './digest';
import { makeIncident, pictureOf } from './fixtures';

describe('digests', () => {
	const a = () => pictureOf({ incidents: [makeIncident({ id: 'a' }), makeIncident({ id: 'b' })] });

	it('are equal for equal content built in a different order', () => {
		const reversed = pictureOf({
			incidents: [makeIncident({ id: 'b' }), makeIncident({ id: 'a' })]
		});
		expect(pictureDigest(reversed)).toBe(pictureDigest(a()));
	});

	it('differ when content differs', () => {
		const other = pictureOf({ incidents: [makeIncident({ id: 'a', level: 'general' })] });
		expect(contentDigest(other)).not.toBe(contentDigest(a()));
	});

	it('content digest ignores the log position, the full digest does not', () => {
		const later = a();
		later.seq = 99;
		expect(contentDigest(later)).toBe(contentDigest(a()));
		expect(pictureDigest(later)).not.toBe(pictureDigest(a()));
	});
});
