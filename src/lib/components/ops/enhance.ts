import { tick } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for the operator forms: SvelteKit's default handling, then, when the server
 * refused the form, focus its first invalid field (or its alert) so keyboard and screen-reader
 * users land on what needs fixing.
 */
export const focusInvalid: SubmitFunction = () => {
	return async ({ update, formElement, result }) => {
		await update();
		if (result.type !== 'failure') return;
		await tick();
		const target =
			formElement.querySelector<HTMLElement>('[aria-invalid="true"]') ??
			formElement.querySelector<HTMLElement>('[role="alert"]');
		if (target && !target.matches('input, select, textarea, button')) target.tabIndex = -1;
		target?.focus();
	};
};
