import { hash, verify } from '@node-rs/argon2';
import { sha256 } from '@oslojs/crypto/sha2';
import {
	encodeBase32LowerCaseNoPadding,
	encodeBase32UpperCaseNoPadding,
	encodeHexLowerCase
} from '@oslojs/encoding';

/** A random bearer secret: 20 bytes (160 bits) in lower-case base32. */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Hex SHA-256: how sessions, display credentials, pairing codes and API tokens are stored. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A pairing code people can type: 10 characters of upper-case base32 (50 bits), short-lived. */
export function generatePairingCode(): string {
	const bytes = new Uint8Array(7);
	crypto.getRandomValues(bytes);
	return encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
}

/** A random id with a prefix (users, displays, API tokens). */
export function newId(prefix: string): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	return `${prefix}-${encodeBase32LowerCaseNoPadding(bytes)}`;
}

/** argon2id with the parameters OWASP suggests (19 MiB, 2 passes, 1 lane). */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Why a password is refused, or null. Field-level messages are i18n keys. */
export function passwordProblem(password: string, username: string): string | null {
	if (password.length < 12) return 'auth.password.tooShort';
	if (password.length > 256) return 'auth.password.tooLong';
	if (password.trim().toLowerCase() === username.trim().toLowerCase())
		return 'auth.password.isUsername';
	return null;
}
