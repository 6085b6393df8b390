import type { BrowserContext } from '@playwright/test';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { AuthService, cookieNames, type NewUserInput } from './auth-service';
import { openDatabase } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events/store';
import type { AppServer } from './fixtures';

export type { NewUserInput };

/** Password of every account these helpers create (test-only). */
export const TEST_PASSWORD = 'e2e-password-0123';

/**
 * Accounts on a running test server's database, from the test process (another "node"): create
 * users and displays, sign in, pair. Close it when done.
 */
export async function accountsFor(app: AppServer) {
	const database = await openDatabase({ url: app.env.DATABASE_URL, max: 2 });
	const store = new EventStore(database, {
		catalog: EVENT_CATALOG,
		chainKey: Buffer.from(app.env.FENGHUO_CHAIN_KEY!, 'hex')
	});
	const auth = new AuthService(database.db, store);
	const names = cookieNames(`http://127.0.0.1:${app.port}`);
	let n = 0;
	return {
		auth,
		names,
		/** Create an account (unique user name) and return its user id and user name. */
		async user(input: Partial<NewUserInput> & Pick<NewUserInput, 'role'>) {
			const username = input.username ?? `e2e-${input.role}-${Date.now().toString(36)}-${++n}`;
			const made = await auth.createUser(
				{ displayName: username, password: TEST_PASSWORD, ...input, username },
				'e2e'
			);
			if (!made.ok) throw new Error(`user refused: ${JSON.stringify(made.errors)}`);
			return made.value;
		},
		/** A session token for a new account of this role and scope. */
		async session(input: Partial<NewUserInput> & Pick<NewUserInput, 'role'>) {
			const user = await this.user(input);
			const login = await auth.login(user.username, TEST_PASSWORD);
			if (!login.ok) throw new Error('login refused');
			return { token: login.token, user };
		},
		/** A paired display credential for `region` ('national' or a code). */
		async display(region: string) {
			const made = await auth.createDisplay({ name: `e2e ${region}`, region }, 'e2e');
			if (!made.ok) throw new Error(`display refused: ${JSON.stringify(made.errors)}`);
			const paired = await auth.pair(made.value.code);
			if (!paired) throw new Error('pairing failed');
			return { token: paired.token, id: paired.display.id };
		},
		close: () => database.close()
	};
}

/** Put a session (or display) cookie into a browser context for the app. */
export async function addCookie(
	context: BrowserContext,
	app: AppServer,
	name: string,
	value: string
): Promise<void> {
	await context.addCookies([{ name, value, url: app.url, httpOnly: true, sameSite: 'Lax' }]);
}

/** Sign a browser context in as a new account (default: the ministry, which sees everything). */
export async function signIn(
	context: BrowserContext,
	app: AppServer,
	input: Partial<NewUserInput> & Pick<NewUserInput, 'role'> = { role: 'ministry' }
): Promise<{ token: string; userId: string }> {
	const accounts = await accountsFor(app);
	try {
		const { token, user } = await accounts.session(input);
		await addCookie(context, app, accounts.names.session, token);
		return { token, userId: user.id };
	} finally {
		await accounts.close();
	}
}

/** Give a browser context the credential of a newly paired display of `region`. */
export async function pairDisplay(
	context: BrowserContext,
	app: AppServer,
	region: string
): Promise<{ token: string; displayId: string }> {
	const accounts = await accountsFor(app);
	try {
		const { token, id } = await accounts.display(region);
		await addCookie(context, app, accounts.names.display, token);
		return { token, displayId: id };
	} finally {
		await accounts.close();
	}
}
