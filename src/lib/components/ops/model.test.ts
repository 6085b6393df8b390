import { describe, expect, it } from 'vitest';
import { actors, paths, run } from '$lib/domain/incident/fixtures';
import { inCharge, type Incident } from '$lib/domain/incident';
import { emptyPicture } from '$lib/domain/picture';
import { issuableColours } from '$lib/domain/warning';
import { confirmationQueue, offeredActions, openInCharge, owedClocksByIncident } from './model';

/** The major path up to the regulator's confirmation (reported, first handling, self-graded). */
const awaitingConfirmation = () => run(paths.major().slice(0, 3)).state as Incident;
const confirmed = () => run(paths.major().slice(0, 4)).state as Incident;

describe('console model', () => {
	it('puts reports awaiting confirmation in the queue of the regulator in charge only', () => {
		const incident = awaitingConfirmation();
		expect(incident.status).toBe('reported_local');
		const picture = emptyPicture();
		picture.incidents[incident.incidentId] = incident;
		expect(confirmationQueue(picture, actors.regulator).map((i) => i.incidentId)).toEqual([
			incident.incidentId
		]);
		expect(confirmationQueue(picture, actors.ministry)).toHaveLength(1);
		expect(confirmationQueue(picture, actors.provinceRegulator)).toEqual([]);
		expect(confirmationQueue(picture, actors.telecomRegulator)).toEqual([]);
		expect(openInCharge(picture, actors.regulator)).toEqual([]);
		expect(inCharge(actors.provinceRegulator, incident)).toBe(false);
	});

	it('offers confirming to the regulator in charge, nothing to others', () => {
		const incident = awaitingConfirmation();
		expect(offeredActions(actors.regulator, incident)).toEqual(['confirm', 'progress']);
		expect(offeredActions(actors.provinceRegulator, incident)).toEqual([]);
		expect(offeredActions(actors.ministry, incident)).toEqual(['progress']);
	});

	it('offers escalation by phone and in writing once a 重大 level is confirmed', () => {
		const incident = confirmed();
		expect(incident.status).toBe('regulator_graded');
		expect(offeredActions(actors.regulator, incident)).toContain('escalate');
		// II-level response is the ministry's, and only once the ministry knows.
		expect(offeredActions(actors.regulator, incident)).not.toContain('startResponse');
		expect(offeredActions(actors.ministry, incident)).not.toContain('startResponse');
	});

	it('offers red and orange warnings to the ministry only', () => {
		expect(issuableColours(actors.ministry)).toEqual(['red', 'orange', 'yellow', 'blue']);
		expect(issuableColours(actors.regulator)).toEqual(['yellow', 'blue']);
		expect(issuableColours(actors.processor)).toEqual([]);
	});
});

describe('console clocks', () => {
	it('groups the clocks still owed by incident, most urgent first', () => {
		const incident = run(paths.major().slice(0, 4)).state as Incident;
		const picture = emptyPicture();
		picture.incidents[incident.incidentId] = incident;
		const owed = owedClocksByIncident(picture, incident.milestones.discoveredAt).get(
			incident.incidentId
		);
		expect(owed?.map((c) => c.duty)).toEqual(
			expect.arrayContaining(['ministry_phone', 'ministry_written'])
		);
		const due = (owed ?? []).map((c) => Date.parse(c.dueAt));
		expect(due).toEqual([...due].sort((a, b) => a - b));
	});
});
