import { readdirSync } from 'node:fs';
import path from 'node:path';

const PAGE_FILES = new Set(['+page.server.ts', '+server.ts', '+page.svelte', '+page.ts']);

/**
 * Every route id under src/routes that serves something (a page or an endpoint), as SvelteKit
 * names it: folders joined by '/', route groups `(name)` dropped.
 */
export function discoverRoutes(root = path.resolve('src/routes')): string[] {
	const found = new Set<string>();
	const walk = (dir: string, segments: string[]) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
			else if (PAGE_FILES.has(entry.name)) {
				const id = `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join('/')}`;
				found.add(id);
			}
		}
	};
	walk(root, []);
	return [...found].sort();
}
