import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { and, asc, count, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../domain/agency';
import { auditStream, type AuditEvent } from '../../domain/audit/events';
import type { ErrorKind } from '../../domain/errors';
import { SECTORS, type Sector } from '../../domain/levels';
import { isRegionCode, regionByCode } from '../../domain/regions';
import type { AppDb } from '../db/client';
import {
	agencyLoad,
	apiTokens,
	displays,
	incidentCurrent,
	loginFailures,
	organisations,
	sessions,
	users
} from '../db/schema';
import type { EventStore } from '../events/store';
import {
	generatePairingCode,
	generateToken,
	hashPassword,
	hashToken,
	newId,
	passwordProblem,
	verifyPassword
} from './crypto';
import {
	USER_ROLES,
	type DisplayPrincipal,
	type IncidentFacts,
	type UserPrincipal,
	type UserRole
} from './policy';

/** The clock every timeout reads; tests inject their own. */
export type Clock = () => Date;

export interface AuthConfig {
	/** A session ends this long after its last request. Default 30 min. */
	idleMs: number;
	/** A session ends this long after login, however active. Default 12 h. */
	absoluteMs: number;
	/** Failed logins within `lockWindowMs` that lock an account. Default 5. */
	maxFailures: number;
	/** Default 15 min. */
	lockWindowMs: number;
	/** How long a lock lasts. Default 15 min. */
	lockMs: number;
	/** How long a display's pairing code works. Default 24 h. */
	pairingTtlMs: number;
	/** last_seen_at is written at most this often per session or display. Default 60 s. */
	touchEveryMs: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
	idleMs: 30 * 60_000,
	absoluteMs: 12 * 3600_000,
	maxFailures: 5,
	lockWindowMs: 15 * 60_000,
	lockMs: 15 * 60_000,
	pairingTtlMs: 24 * 3600_000,
	touchEveryMs: 60_000
};

/** Field → i18n key of what is wrong with it. */
export type FieldErrors = Record<string, string>;
/**
 * An account operation's result. A refusal names its fields and, unless it is plain invalid
 * input, its kind (src/lib/domain/errors.ts): the admin pages answer with that kind's status.
 */
export type Outcome<T> =
	{ ok: true; value: T } | { ok: false; errors: FieldErrors; kind?: Exclude<ErrorKind, 'invalid'> };

const refused = (
	kind: Exclude<ErrorKind, 'invalid'>,
	errors: FieldErrors
): { ok: false; errors: FieldErrors; kind: Exclude<ErrorKind, 'invalid'> } => ({
	ok: false,
	errors,
	kind
});

export type AuditInput = {
	[K in AuditEvent['type']]: {
		type: K;
		data: Omit<Extract<AuditEvent, { type: K }>['data'], 'at'>;
	};
}[AuditEvent['type']];

/** Non-secret reference to a session in the audit log: the first 12 hex digits of its id. */
const sessionRef = (sessionId: string) => sessionId.slice(0, 12);

export type CredentialState = 'ok' | 'signed_out' | 'expired' | 'disabled' | 'revoked';

const USERNAME = /^[a-zA-Z0-9._-]{3,64}$/;
const orgIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/);

export interface NewUser {
	username: string;
	displayName: string;
	role: UserRole;
	password: string;
	region?: string | null;
	sector?: string | null;
	orgId?: string | null;
	agencyId?: string | null;
}

export interface UserRow {
	id: string;
	username: string;
	displayName: string;
	role: UserRole;
	region: string | null;
	sector: Sector | null;
	orgId: string | null;
	agencyId: string | null;
	disabled: boolean;
	totp: boolean;
	lockedUntil: Date | null;
}

/** Caller of the processor API, as src/lib/server/api expects it. */
export interface ApiTokenCaller {
	actor: { id: string; role: 'processor'; orgId: string; subsidiaries: string[] };
	orgName: string;
	tokenId: string;
}

/**
 * Accounts, sessions (Lucia's design: random token, stored as its SHA-256), display pairing
 * and API tokens. Every security-relevant action is appended to the log as an audit event.
 */
export class AuthService {
	readonly config: AuthConfig;
	/** Hash compared against when the user does not exist, so unknown names take as long. */
	private dummyHash: Promise<string> | undefined;

	constructor(
		private readonly db: AppDb,
		private readonly store: EventStore,
		private readonly clock: Clock = () => new Date(),
		config: Partial<AuthConfig> = {}
	) {
		this.config = { ...DEFAULT_AUTH_CONFIG, ...config };
	}

	now(): Date {
		return this.clock();
	}

	/** Append an audit event (stream of the day, no region). Never passwords or tokens. */
	async audit(input: AuditInput): Promise<void> {
		// Start-up seeding is not an action anyone took (and the demo only plays into a log it
		// wrote itself): it goes to the process log instead.
		if (input.data.by === 'system:bootstrap') return;
		const at = this.clock();
		await this.store.append({
			streamId: auditStream(at),
			expectedVersion: 'any',
			actor: input.data.by,
			events: [{ type: input.type, payload: { ...input.data, at: at.toISOString() } }]
		});
	}

	// ── users ────────────────────────────────────────────────────────────────────────────

	private validateScope(input: {
		role: string;
		region?: string | null;
		sector?: string | null;
		orgId?: string | null;
		agencyId?: string | null;
	}): FieldErrors {
		const errors: FieldErrors = {};
		if (!USER_ROLES.includes(input.role as UserRole)) errors.role = 'auth.field.role';
		if (input.role === 'regulator') {
			const region = input.region ? regionByCode(input.region) : undefined;
			if (!region || !region.regulated) errors.region = 'auth.field.region';
			if (!SECTORS.includes(input.sector as Sector)) errors.sector = 'auth.field.sector';
			else if (region && !region.sectors.includes(input.sector as Sector))
				errors.sector = 'auth.field.sectorNotInRegion';
		}
		if (input.role === 'processor' && !orgIdSchema.safeParse(input.orgId).success)
			errors.orgId = 'auth.field.orgId';
		if (input.role === 'agency' && !orgIdSchema.safeParse(input.agencyId).success)
			errors.agencyId = 'auth.field.agencyId';
		return errors;
	}

	private scopeColumns(input: {
		role: string;
		region?: string | null;
		sector?: string | null;
		orgId?: string | null;
		agencyId?: string | null;
	}) {
		return {
			region: input.role === 'regulator' ? (input.region ?? null) : null,
			sector: input.role === 'regulator' ? ((input.sector as Sector | null) ?? null) : null,
			orgId: input.role === 'processor' ? (input.orgId ?? null) : null,
			agencyId: input.role === 'agency' ? (input.agencyId ?? null) : null
		};
	}

	async createUser(input: NewUser, by: string): Promise<Outcome<UserRow>> {
		const errors: FieldErrors = {};
		const username = input.username.trim();
		if (!USERNAME.test(username)) errors.username = 'auth.field.username';
		const displayName = input.displayName.trim();
		if (displayName.length < 1 || displayName.length > 100)
			errors.displayName = 'auth.field.displayName';
		const pw = passwordProblem(input.password, username);
		if (pw) errors.password = pw;
		Object.assign(errors, this.validateScope(input));
		if (!errors.username) {
			const [taken] = await this.db
				.select({ id: users.id })
				.from(users)
				.where(eq(users.username, username));
			if (taken) errors.username = 'auth.field.usernameTaken';
		}
		// A name already taken, and nothing else wrong, is a duplicate: a conflict.
		const onlyTaken =
			Object.keys(errors).length === 1 && errors.username === 'auth.field.usernameTaken';
		if (onlyTaken) return refused('conflict', errors);
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const now = this.clock();
		const id = newId('u');
		const scope = this.scopeColumns(input);
		await this.db.insert(users).values({
			id,
			username,
			displayName,
			role: input.role,
			...scope,
			passwordHash: await hashPassword(input.password),
			createdAt: now,
			updatedAt: now
		});
		await this.audit({
			type: 'UserCreated',
			data: { by, userId: id, username, role: input.role, ...scope }
		});
		return { ok: true, value: (await this.getUser(id))! };
	}

	async getUser(id: string): Promise<UserRow | undefined> {
		const [row] = await this.db.select().from(users).where(eq(users.id, id));
		return row ? toUserRow(row) : undefined;
	}

	async findUser(username: string): Promise<UserRow | undefined> {
		const [row] = await this.db.select().from(users).where(eq(users.username, username));
		return row ? toUserRow(row) : undefined;
	}

	async listUsers(): Promise<UserRow[]> {
		return (await this.db.select().from(users).orderBy(asc(users.username))).map(toUserRow);
	}

	async countAdmins(): Promise<number> {
		const [row] = await this.db
			.select({ n: count() })
			.from(users)
			.where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
		return row?.n ?? 0;
	}

	/** Change role and scope (and display name); sessions stay, their principal is re-read. */
	async updateUser(
		id: string,
		changes: Omit<NewUser, 'username' | 'password'>,
		by: string
	): Promise<Outcome<UserRow>> {
		const user = await this.getUser(id);
		if (!user) return refused('not_found', { id: 'auth.field.noSuchUser' });
		const errors = this.validateScope(changes);
		const displayName = changes.displayName.trim();
		if (displayName.length < 1 || displayName.length > 100)
			errors.displayName = 'auth.field.displayName';
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const scope = this.scopeColumns(changes);
		await this.db
			.update(users)
			.set({ displayName, role: changes.role, ...scope, updatedAt: this.clock() })
			.where(eq(users.id, id));
		const fields = (
			['displayName', 'role', 'region', 'sector', 'orgId', 'agencyId'] as const
		).filter(
			(f) =>
				(f === 'displayName' ? displayName : f === 'role' ? changes.role : scope[f]) !== user[f]
		);
		// A new role or scope applies at once everywhere: the user signs in again, and their
		// sockets (joined under the old scope) drop at the next re-check.
		if (fields.some((f) => f !== 'displayName'))
			await this.db.delete(sessions).where(eq(sessions.userId, id));
		await this.audit({ type: 'UserUpdated', data: { by, userId: id, fields } });
		return { ok: true, value: (await this.getUser(id))! };
	}

	async setPassword(id: string, password: string, by: string): Promise<Outcome<null>> {
		const user = await this.getUser(id);
		if (!user) return refused('not_found', { id: 'auth.field.noSuchUser' });
		const problem = passwordProblem(password, user.username);
		if (problem) return { ok: false, errors: { password: problem } };
		await this.db
			.update(users)
			.set({ passwordHash: await hashPassword(password), updatedAt: this.clock() })
			.where(eq(users.id, id));
		// A new password ends every session opened with the old one.
		await this.db.delete(sessions).where(eq(sessions.userId, id));
		await this.audit({ type: 'UserUpdated', data: { by, userId: id, fields: ['password'] } });
		return { ok: true, value: null };
	}

	/** Disable (kills every session; sockets drop at their next re-check) or enable. */
	async setDisabled(id: string, disabled: boolean, by: string): Promise<Outcome<null>> {
		const user = await this.getUser(id);
		if (!user) return refused('not_found', { id: 'auth.field.noSuchUser' });
		if (disabled && id === by) return refused('forbidden', { id: 'auth.field.notYourself' });
		await this.db
			.update(users)
			.set({ disabled, updatedAt: this.clock(), ...(disabled ? {} : { lockedUntil: null }) })
			.where(eq(users.id, id));
		if (disabled) {
			const killed = await this.db
				.delete(sessions)
				.where(eq(sessions.userId, id))
				.returning({ id: sessions.id });
			await this.audit({
				type: 'UserDisabled',
				data: { by, userId: id, sessionsKilled: killed.length }
			});
		} else {
			await this.db.delete(loginFailures).where(eq(loginFailures.userId, id));
			await this.audit({ type: 'UserEnabled', data: { by, userId: id } });
		}
		return { ok: true, value: null };
	}

	/** Turn on TOTP for a ministry or regulator account; returns the secret to enrol once. */
	async enableTotp(id: string, by: string): Promise<Outcome<{ secret: string; uri: string }>> {
		const user = await this.getUser(id);
		if (!user || (user.role !== 'ministry' && user.role !== 'regulator'))
			return { ok: false, errors: { id: 'auth.field.totpRole' } };
		const key = new Uint8Array(20);
		crypto.getRandomValues(key);
		const secret = encodeBase32UpperCaseNoPadding(key);
		await this.db
			.update(users)
			.set({ totpSecret: secret, updatedAt: this.clock() })
			.where(eq(users.id, id));
		await this.audit({ type: 'UserUpdated', data: { by, userId: id, fields: ['totp'] } });
		return {
			ok: true,
			value: { secret, uri: createTOTPKeyURI('Fenghuo', user.username, key, 30, 6) }
		};
	}

	// ── organisations ────────────────────────────────────────────────────────────────────

	async saveOrganisation(
		input: {
			id: string;
			name: string;
			kind: string;
			region?: string | null;
			parentId?: string | null;
		},
		by: string
	): Promise<Outcome<null>> {
		const errors: FieldErrors = {};
		if (!orgIdSchema.safeParse(input.id).success) errors.id = 'auth.field.orgId';
		if (!input.name.trim() || input.name.length > 200) errors.name = 'auth.field.displayName';
		const kind = organisations.kind.enumValues.find((k) => k === input.kind);
		if (!kind) errors.kind = 'auth.field.kind';
		if (input.region && !isRegionCode(input.region)) errors.region = 'auth.field.region';
		if (input.parentId && input.parentId === input.id) errors.parentId = 'auth.field.parent';
		if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
		const values = {
			name: input.name.trim(),
			kind,
			region: input.region || null,
			parentId: input.parentId || null
		};
		await this.db
			.insert(organisations)
			.values({ id: input.id, ...values, createdAt: this.clock() })
			.onConflictDoUpdate({ target: organisations.id, set: values });
		await this.audit({
			type: 'OrganisationSaved',
			data: { by, orgId: input.id, kind, parentId: values.parentId }
		});
		return { ok: true, value: null };
	}

	listOrganisations() {
		return this.db.select().from(organisations).orderBy(asc(organisations.id));
	}

	// ── sessions ─────────────────────────────────────────────────────────────────────────

	/**
	 * Sign in. Unknown user, wrong password, locked or disabled account and a wrong second
	 * factor all give the same answer (`{ ok: false }`) and take about as long; each attempt is
	 * audited with its real reason. 5 failures in 15 minutes lock the account for 15 minutes.
	 */
	async login(
		usernameInput: string,
		password: string,
		totpCode?: string
	): Promise<{ ok: true; token: string; user: UserRow; expiresAt: Date } | { ok: false }> {
		const username = usernameInput.trim().slice(0, 200);
		const now = this.clock();
		const [row] = USERNAME.test(username)
			? await this.db.select().from(users).where(eq(users.username, username))
			: [];
		this.dummyHash ??= hashPassword('fenghuo-dummy-password');
		const passwordOk = await verifyPassword(row?.passwordHash ?? (await this.dummyHash), password);
		const fail = async (reason: 'bad_credentials' | 'locked' | 'disabled' | 'bad_totp') => {
			await this.audit({
				type: 'LoginFailed',
				data: { by: row?.id ?? 'anonymous', username, ...(row ? { userId: row.id } : {}), reason }
			});
			if (row && (reason === 'bad_credentials' || reason === 'bad_totp'))
				await this.recordFailure(row.id, now);
			return { ok: false as const };
		};
		if (!row) return fail('bad_credentials');
		if (row.lockedUntil && row.lockedUntil > now) return fail('locked');
		if (!passwordOk) return fail('bad_credentials');
		if (row.disabled) return fail('disabled');
		if (row.totpSecret) {
			const ok =
				typeof totpCode === 'string' &&
				/^\d{6}$/.test(totpCode) &&
				verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(row.totpSecret), 30, 6, totpCode, 30);
			if (!ok) return fail('bad_totp');
		}
		await this.db.delete(loginFailures).where(eq(loginFailures.userId, row.id));
		// A fresh token at every login (no fixation): any session the browser had is replaced.
		const token = generateToken();
		const id = hashToken(token);
		await this.db.insert(sessions).values({ id, userId: row.id, createdAt: now, lastSeenAt: now });
		await this.purge(now);
		await this.audit({
			type: 'LoginSucceeded',
			data: { by: row.id, username, sessionRef: sessionRef(id) }
		});
		return {
			ok: true,
			token,
			user: toUserRow(row),
			expiresAt: new Date(now.getTime() + this.config.absoluteMs)
		};
	}

	/** End sessions past either timeout (audited) and forget failures past the lockout window. */
	private async purge(now: Date): Promise<void> {
		const idle = new Date(now.getTime() - this.config.idleMs);
		const absolute = new Date(now.getTime() - this.config.absoluteMs);
		const gone = await this.db
			.delete(sessions)
			.where(or(lt(sessions.lastSeenAt, idle), lt(sessions.createdAt, absolute)))
			.returning();
		for (const s of gone) {
			await this.audit({
				type: 'SessionExpired',
				data: {
					by: 'system:auth',
					userId: s.userId,
					sessionRef: sessionRef(s.id),
					reason: this.expiry(s, now) ?? 'idle_timeout'
				}
			});
		}
		await this.db
			.delete(loginFailures)
			.where(lt(loginFailures.at, new Date(now.getTime() - this.config.lockWindowMs)));
	}

	private async recordFailure(userId: string, now: Date): Promise<void> {
		await this.db.insert(loginFailures).values({ userId, at: now });
		const since = new Date(now.getTime() - this.config.lockWindowMs);
		const [row] = await this.db
			.select({ n: count() })
			.from(loginFailures)
			.where(and(eq(loginFailures.userId, userId), gt(loginFailures.at, since)));
		const failures = row?.n ?? 0;
		if (failures >= this.config.maxFailures) {
			const until = new Date(now.getTime() + this.config.lockMs);
			await this.db.update(users).set({ lockedUntil: until }).where(eq(users.id, userId));
			await this.db.delete(loginFailures).where(eq(loginFailures.userId, userId));
			await this.audit({
				type: 'AccountLocked',
				data: { by: 'system:auth', userId, until: until.toISOString(), failures }
			});
		}
	}

	private expiry(s: { createdAt: Date; lastSeenAt: Date }, now: Date) {
		if (now.getTime() - s.createdAt.getTime() >= this.config.absoluteMs)
			return 'absolute_timeout' as const;
		if (now.getTime() - s.lastSeenAt.getTime() >= this.config.idleMs)
			return 'idle_timeout' as const;
		return null;
	}

	/**
	 * The principal of a session token, or null. An expired session is deleted (and audited);
	 * a live one is touched (idle timer) at most once a minute.
	 */
	async validateSession(
		token: string
	): Promise<{ principal: UserPrincipal; expiresAt: Date } | null> {
		const id = hashToken(token);
		const now = this.clock();
		const [row] = await this.db
			.select({ session: sessions, user: users })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, id));
		if (!row) return null;
		if (row.user.disabled) {
			await this.db.delete(sessions).where(eq(sessions.id, id));
			return null;
		}
		const expired = this.expiry(row.session, now);
		if (expired) {
			const gone = await this.db
				.delete(sessions)
				.where(eq(sessions.id, id))
				.returning({ id: sessions.id });
			if (gone.length > 0) {
				await this.audit({
					type: 'SessionExpired',
					data: {
						by: 'system:auth',
						userId: row.user.id,
						sessionRef: sessionRef(id),
						reason: expired
					}
				});
			}
			return null;
		}
		if (now.getTime() - row.session.lastSeenAt.getTime() >= this.config.touchEveryMs) {
			await this.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
		}
		return {
			principal: await this.userPrincipal(row.user, id),
			expiresAt: new Date(row.session.createdAt.getTime() + this.config.absoluteMs)
		};
	}

	/** Read-only variant for sockets: never writes (the realtime side only reads). */
	async peekSession(token: string): Promise<UserPrincipal | null> {
		const id = hashToken(token);
		const [row] = await this.db
			.select({ session: sessions, user: users })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, id));
		if (!row || row.user.disabled || this.expiry(row.session, this.clock())) return null;
		return this.userPrincipal(row.user, id);
	}

	private async userPrincipal(
		u: typeof users.$inferSelect,
		sessionId: string
	): Promise<UserPrincipal> {
		let orgIds: string[] = [];
		if (u.role === 'processor' && u.orgId) {
			const children = await this.db
				.select({ id: organisations.id })
				.from(organisations)
				.where(eq(organisations.parentId, u.orgId));
			orgIds = [u.orgId, ...children.map((c) => c.id)];
		}
		let agencyRegions: string[] = [];
		if (u.role === 'agency' && u.agencyId) {
			const [a] = await this.db
				.select({ regions: agencyLoad.regionsServed })
				.from(agencyLoad)
				.where(eq(agencyLoad.agencyId, u.agencyId));
			agencyRegions = a?.regions ?? [];
		}
		return {
			kind: 'user',
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			role: u.role,
			region: u.region,
			sector: u.sector,
			orgId: u.orgId,
			orgIds,
			agencyId: u.agencyId,
			agencyRegions,
			sessionId
		};
	}

	/** Sign out: the session ends here and its sockets drop at their next re-check. */
	async logout(token: string): Promise<void> {
		const id = hashToken(token);
		const gone = await this.db
			.delete(sessions)
			.where(eq(sessions.id, id))
			.returning({ userId: sessions.userId });
		if (gone[0]) {
			await this.audit({
				type: 'LoggedOut',
				data: { by: gone[0].userId, sessionRef: sessionRef(id) }
			});
		}
	}

	/**
	 * The state of live sockets' credentials, in one read: sessions by id and displays by id.
	 * Used by the realtime hub's periodic re-check (read-only).
	 */
	async credentialStates(
		sessionIds: readonly string[],
		displayIds: readonly string[]
	): Promise<Map<string, CredentialState>> {
		const now = this.clock();
		const states = new Map<string, CredentialState>();
		for (const id of sessionIds) states.set(id, 'signed_out');
		for (const id of displayIds) states.set(id, 'revoked');
		if (sessionIds.length > 0) {
			const rows = await this.db
				.select({ session: sessions, disabled: users.disabled })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(inArray(sessions.id, [...sessionIds]));
			for (const r of rows) {
				states.set(
					r.session.id,
					r.disabled ? 'disabled' : this.expiry(r.session, now) ? 'expired' : 'ok'
				);
			}
		}
		if (displayIds.length > 0) {
			const rows = await this.db
				.select({ id: displays.id })
				.from(displays)
				.where(and(inArray(displays.id, [...displayIds]), isNull(displays.revokedAt)));
			for (const r of rows) states.set(r.id, 'ok');
		}
		return states;
	}

	// ── displays ─────────────────────────────────────────────────────────────────────────

	async createDisplay(
		input: { name: string; region: string },
		by: string
	): Promise<Outcome<{ id: string; code: string; expiresAt: Date }>> {
		const errors: FieldErrors = {};
		const name = input.name.trim();
		if (!name || name.length > 100) errors.name = 'auth.field.displayName';
		if (input.region !== 'national' && !isRegionCode(input.region))
			errors.region = 'auth.field.region';
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const id = newId('d');
		const now = this.clock();
		await this.db
			.insert(displays)
			.values({ id, name, region: input.region, createdAt: now, createdBy: by });
		await this.audit({
			type: 'DisplayCreated',
			data: { by, displayId: id, region: input.region, name }
		});
		const code = await this.newPairingCode(id);
		return { ok: true, value: { id, ...code } };
	}

	/** A fresh pairing code for a display (re-pairing replaces its credential on use). */
	async newPairingCode(displayId: string): Promise<{ code: string; expiresAt: Date }> {
		const code = generatePairingCode();
		const expiresAt = new Date(this.clock().getTime() + this.config.pairingTtlMs);
		await this.db
			.update(displays)
			.set({ pairingCodeHash: hashToken(code), pairingExpiresAt: expiresAt })
			.where(eq(displays.id, displayId));
		return { code, expiresAt };
	}

	/** Exchange a pairing code for the display's long-lived credential (single use). */
	async pair(codeInput: string): Promise<{ token: string; display: DisplayPrincipal } | null> {
		const code = codeInput.trim().toUpperCase().replace(/[\s-]/g, '');
		if (!/^[A-Z2-7]{10}$/.test(code)) return null;
		const now = this.clock();
		const token = generateToken();
		const [row] = await this.db
			.update(displays)
			.set({
				pairingCodeHash: null,
				pairingExpiresAt: null,
				credentialHash: hashToken(token),
				pairedAt: now,
				lastSeenAt: now
			})
			.where(
				and(
					eq(displays.pairingCodeHash, hashToken(code)),
					gt(displays.pairingExpiresAt, now),
					isNull(displays.revokedAt)
				)
			)
			.returning();
		if (!row) return null;
		await this.audit({ type: 'DisplayPaired', data: { by: row.id, displayId: row.id } });
		return { token, display: { kind: 'display', id: row.id, name: row.name, region: row.region } };
	}

	/** The display a credential belongs to; `revoked` when it was revoked. */
	async validateDisplay(
		token: string,
		options: { touch: boolean } = { touch: true }
	): Promise<{ principal: DisplayPrincipal } | { revoked: true } | null> {
		const [row] = await this.db
			.select()
			.from(displays)
			.where(eq(displays.credentialHash, hashToken(token)));
		if (!row) return null;
		if (row.revokedAt) return { revoked: true };
		const now = this.clock();
		if (
			options.touch &&
			(!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() >= this.config.touchEveryMs)
		) {
			await this.db.update(displays).set({ lastSeenAt: now }).where(eq(displays.id, row.id));
		}
		return { principal: { kind: 'display', id: row.id, name: row.name, region: row.region } };
	}

	/**
	 * Mark displays seen (their walls hold a live socket): the admin list shows when each wall
	 * was last online even when it never reloads. At most one write per display a minute.
	 */
	async touchDisplays(ids: readonly string[]): Promise<void> {
		if (ids.length === 0) return;
		const now = this.clock();
		const before = new Date(now.getTime() - this.config.touchEveryMs);
		await this.db
			.update(displays)
			.set({ lastSeenAt: now })
			.where(
				and(
					inArray(displays.id, [...ids]),
					isNull(displays.revokedAt),
					or(isNull(displays.lastSeenAt), lt(displays.lastSeenAt, before))
				)
			);
	}

	async revokeDisplay(id: string, by: string): Promise<Outcome<null>> {
		const gone = await this.db
			.update(displays)
			.set({ revokedAt: this.clock(), pairingCodeHash: null, pairingExpiresAt: null })
			.where(and(eq(displays.id, id), isNull(displays.revokedAt)))
			.returning({ id: displays.id });
		if (gone.length === 0) return refused('not_found', { id: 'auth.field.noSuchDisplay' });
		await this.audit({ type: 'DisplayRevoked', data: { by, displayId: id } });
		return { ok: true, value: null };
	}

	async listDisplays() {
		const rows = await this.db.select().from(displays).orderBy(asc(displays.createdAt));
		return rows.map((d) => ({
			id: d.id,
			name: d.name,
			region: d.region,
			createdAt: d.createdAt,
			pairedAt: d.pairedAt,
			lastSeenAt: d.lastSeenAt,
			revokedAt: d.revokedAt,
			pairingExpiresAt: d.pairingExpiresAt
		}));
	}

	// ── API tokens ───────────────────────────────────────────────────────────────────────

	async issueApiToken(
		input: { orgId: string; name: string },
		by: string
	): Promise<Outcome<{ id: string; token: string }>> {
		const errors: FieldErrors = {};
		const name = input.name.trim();
		if (!name || name.length > 100) errors.name = 'auth.field.displayName';
		const [org] = orgIdSchema.safeParse(input.orgId).success
			? await this.db
					.select({ kind: organisations.kind })
					.from(organisations)
					.where(eq(organisations.id, input.orgId))
			: [];
		if (!org || org.kind !== 'processor') errors.orgId = 'auth.field.orgId';
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const id = newId('t');
		const token = `fh_${generateToken()}`;
		await this.db.insert(apiTokens).values({
			id,
			orgId: input.orgId,
			name,
			tokenHash: hashToken(token),
			createdAt: this.clock(),
			createdBy: by
		});
		await this.audit({
			type: 'ApiTokenIssued',
			data: { by, tokenId: id, orgId: input.orgId, name }
		});
		return { ok: true, value: { id, token } };
	}

	async revokeApiToken(id: string, by: string): Promise<Outcome<null>> {
		const gone = await this.db
			.update(apiTokens)
			.set({ revokedAt: this.clock() })
			.where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
			.returning({ orgId: apiTokens.orgId });
		if (!gone[0]) return refused('not_found', { id: 'auth.field.noSuchToken' });
		await this.audit({ type: 'ApiTokenRevoked', data: { by, tokenId: id, orgId: gone[0].orgId } });
		return { ok: true, value: null };
	}

	listApiTokens() {
		return this.db
			.select({
				id: apiTokens.id,
				orgId: apiTokens.orgId,
				name: apiTokens.name,
				createdAt: apiTokens.createdAt,
				lastUsedAt: apiTokens.lastUsedAt,
				revokedAt: apiTokens.revokedAt
			})
			.from(apiTokens)
			.orderBy(asc(apiTokens.createdAt));
	}

	/** The processor organisation behind `Authorization: Bearer <token>`, or null. */
	async authenticateApiToken(request: Request): Promise<ApiTokenCaller | null> {
		const header = request.headers.get('authorization') ?? '';
		const m = /^Bearer\s+(fh_[a-z2-7]{32})$/.exec(header.trim());
		if (!m) return null;
		const [row] = await this.db
			.select({ token: apiTokens, org: organisations })
			.from(apiTokens)
			.innerJoin(organisations, eq(organisations.id, apiTokens.orgId))
			.where(and(eq(apiTokens.tokenHash, hashToken(m[1]!)), isNull(apiTokens.revokedAt)));
		if (!row || row.org.kind !== 'processor') return null;
		const now = this.clock();
		if (
			!row.token.lastUsedAt ||
			now.getTime() - row.token.lastUsedAt.getTime() >= this.config.touchEveryMs
		)
			await this.db
				.update(apiTokens)
				.set({ lastUsedAt: now })
				.where(eq(apiTokens.id, row.token.id));
		const children = await this.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.parentId, row.org.id));
		return {
			actor: {
				id: `api:${row.token.id}`,
				role: 'processor',
				orgId: row.org.id,
				subsidiaries: children.map((c) => c.id)
			},
			orgName: row.org.name,
			tokenId: row.token.id
		};
	}

	// ── incident facts (for per-incident decisions) ──────────────────────────────────────

	async incidentFacts(incidentId: string): Promise<IncidentFacts | null> {
		const [row] = await this.db
			.select({
				region: incidentCurrent.region,
				regulatorRegion: incidentCurrent.regulatorRegion,
				sector: incidentCurrent.sector,
				orgId: incidentCurrent.orgId
			})
			.from(incidentCurrent)
			.where(eq(incidentCurrent.incidentId, incidentId));
		if (!row) return null;
		const assigned = await this.db
			.select({ id: agencyLoad.agencyId })
			.from(agencyLoad)
			.where(
				sql`exists (select 1 from jsonb_array_elements(${agencyLoad.state}->'assignments') a
					where a->>'incidentId' = ${incidentId} and a->>'status' in (${sql.join(
						ACTIVE_ASSIGNMENT_STATUSES.map((s) => sql`${s}`),
						sql`, `
					)}))`
			);
		return { ...row, agencies: assigned.map((a) => a.id) };
	}
}

function toUserRow(r: typeof users.$inferSelect): UserRow {
	return {
		id: r.id,
		username: r.username,
		displayName: r.displayName,
		role: r.role,
		region: r.region,
		sector: r.sector,
		orgId: r.orgId,
		agencyId: r.agencyId,
		disabled: r.disabled,
		totp: r.totpSecret !== null,
		lockedUntil: r.lockedUntil
	};
}
