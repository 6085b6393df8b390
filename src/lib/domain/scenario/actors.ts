import type { Actor } from '../actor';

/** The scenario engine itself (completes drills, plays the demo's bookkeeping). */
export const SYSTEM_ACTOR: Actor = { id: 'system:scenario', role: 'system' };
