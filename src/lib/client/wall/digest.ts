import { canonicalPicture, type Picture } from '$lib/domain/picture';

/**
 * A 64-bit non-cryptographic hash (two FNV-1a lanes, 32 bits each) of a string, as 16 hex digits.
 * Synchronous and available everywhere: `crypto.subtle` is missing on plain-HTTP kiosks, which
 * is how walls on a ministry LAN are often served. Only used to compare pictures in tests and
 * diagnostics, never for security.
 */
export function hash64(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x9e3779b9;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Digest of a picture's canonical form: equal exactly when the pictures' content is equal. */
export function pictureDigest(picture: Picture): string {
	return hash64(canonicalPicture(picture));
}

/**
 * Digest of a picture's content without its log position. A room's live position only moves
 * with the batches sent to that room, while a fresh load starts at the log's head, which events
 * for other rooms (audit, other regions) also advance; the content is what must agree.
 */
export function contentDigest(picture: Picture): string {
	return pictureDigest({ ...picture, seq: 0 });
}
