import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const serverOnly = ['$lib/server', '$lib/server/*', '**/lib/server/**', '**/server/**'];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/',
			'bench-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: "MemberExpression[object.name='sql'][property.name='raw']",
					message: 'sql.raw bypasses parameter binding; use the sql`` template.'
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The domain is pure: nothing but itself, lib/shared and zod.
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/server',
								'$lib/server/*',
								'**/server/**',
								'$lib/client/*',
								'$lib/components/*',
								'**/client/**',
								'**/components/**'
							],
							message: 'src/lib/domain is pure: no server, client or UI imports.'
						},
						{
							group: [
								'svelte',
								'svelte/*',
								'@sveltejs/*',
								'drizzle-orm',
								'drizzle-orm/*',
								'postgres',
								'socket.io',
								'node:*'
							],
							message: 'src/lib/domain does no I/O and imports no framework.'
						}
					]
				}
			],
			'no-restricted-globals': ['error', { name: 'fetch', message: 'no I/O in the domain' }],
			'no-restricted-properties': [
				'error',
				{ object: 'Date', property: 'now', message: 'time arrives as an argument' },
				{ object: 'Math', property: 'random', message: 'ids and randomness arrive as arguments' }
			]
		}
	},
	{
		// Tests may read the clock to pick and print a seed.
		files: ['src/lib/domain/**/*.test.ts'],
		rules: { 'no-restricted-properties': 'off' }
	},
	{
		// Browser-side and shared code never reach into the server.
		files: [
			'src/lib/client/**',
			'src/lib/components/**',
			'src/lib/shared/**',
			'src/routes/**/*.svelte'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: serverOnly, message: 'server-only module' }] }
			]
		}
	},
	{
		// Routes go through commands and queries, never the database or the store directly.
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/server/db',
								'$lib/server/db/*',
								'$lib/server/events',
								'$lib/server/events/*'
							],
							message: 'use $lib/server/commands or $lib/server/queries'
						}
					]
				}
			]
		}
	},
	{
		// The realtime hub reads; it never appends.
		files: ['src/lib/server/realtime/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['../commands', '../commands/*'], message: 'realtime never appends events' }
					]
				}
			]
		}
	},
	{
		files: ['tests/**'],
		rules: { 'no-restricted-syntax': 'off' }
	}
);
