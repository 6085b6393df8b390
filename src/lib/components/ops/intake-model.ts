import type { IncidentFacts } from '$lib/domain/grading';
import { DATA_GRADES, SECTORS, UNKNOWN } from '$lib/domain/levels';
import { checked, lines, many, one, type FormFields } from './fields';

/**
 * The processor's intake form (attachment 2) as data: pure functions from its fields to the
 * processor API's request bodies (`reportBody`, `gradeBody`), so the browser can grade live with
 * the very facts the server will file, and the server validates them with the API's schemas.
 *
 * Every field the template allows to be unclear has a sibling checkbox `<name>Unknown`
 * (尚不明确); ticked, the value is 'unknown' whatever the input says.
 */

export const unknownBox = (name: string) => `${name}Unknown`;
const isUnknown = (f: FormFields, name: string) => checked(f, unknownBox(name));

/** `<input type="datetime-local">` is China time; the report stores UTC ISO to the minute. */
export function chinaMinuteToIso(value: string): string | undefined {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
	const ms = Date.parse(`${value}:00+08:00`);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A number field: 'unknown' when ticked, undefined when empty, else the number (NaN if not one). */
function num(f: FormFields, name: string): number | typeof UNKNOWN | undefined {
	if (isUnknown(f, name)) return UNKNOWN;
	const v = one(f, name);
	if (v === '') return undefined;
	return Number(v.replace(/[,，\s]/g, ''));
}

function text(f: FormFields, name: string): string | typeof UNKNOWN {
	return isUnknown(f, name) ? UNKNOWN : one(f, name);
}

function maybeChoice(f: FormFields, name: string): string | undefined {
	const v = one(f, name);
	return v === '' ? undefined : v;
}

type Volume = 'none' | typeof UNKNOWN | { gb?: number; records?: number };

/** Personal information: none / a volume / 尚不明确 (radio `<prefix>Mode`). */
function volume(f: FormFields, prefix: string): Volume | undefined {
	const mode = one(f, `${prefix}Mode`);
	if (mode === 'none') return 'none';
	if (mode === 'unknown') return UNKNOWN;
	if (mode !== 'count') return undefined;
	const gb = one(f, `${prefix}Gb`);
	const records = one(f, `${prefix}Records`);
	return {
		...(gb ? { gb: Number(gb) } : {}),
		...(records ? { records: Number(records) } : {})
	};
}

const peopleOf = (v: Volume | undefined): number | typeof UNKNOWN => {
	if (v === undefined || v === UNKNOWN) return UNKNOWN;
	if (v === 'none') return 0;
	return v.records ?? UNKNOWN;
};

/**
 * The grading facts the form states. Lenient by design (it runs on every keystroke): anything
 * not (yet) a valid value counts as 尚不明确, which never raises a level.
 */
export function intakeFacts(f: FormFields): IncidentFacts {
	const known = <T extends string>(v: string | undefined, allowed?: readonly T[]) =>
		v && v !== UNKNOWN && (!allowed || (allowed as readonly string[]).includes(v))
			? (v as T)
			: UNKNOWN;
	const count = (v: number | typeof UNKNOWN | undefined) =>
		typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : UNKNOWN;
	const hours = (v: number | typeof UNKNOWN | undefined) =>
		typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : UNKNOWN;
	const sector = known(one(f, 'sector'), SECTORS);
	const facts: IncidentFacts = {
		sector,
		dataGrade: known(text(f, 'dataGrade'), DATA_GRADES),
		threat: known(one(f, 'threat'), [
			'especially_serious',
			'serious',
			'relatively_serious',
			'minor'
		] as const),
		economicLossYuan: count(num(f, 'economicLossYuan')),
		personalInfoCount: count(peopleOf(volume(f, 'pi'))),
		sensitivePersonalInfoCount: count(peopleOf(volume(f, 'spi')))
	};
	if (sector === 'industrial')
		facts.industrialImpact = known(one(f, 'industrialImpact'), [
			'large_scale_stoppage',
			'wider_stoppage',
			'partial_capacity_loss',
			'minor_damage',
			'none'
		] as const);
	if (sector === 'telecom')
		facts.telecomOutage = {
			hours: hours(num(f, 'outageHours')),
			facilityClass: known(one(f, 'facilityClass'), [
				'important_and_core',
				'important',
				'related'
			] as const)
		};
	if (sector === 'radio') facts.radioInterferenceHours = hours(num(f, 'interferenceHours'));
	const other = one(f, 'otherHarm');
	if (other)
		facts.otherHarm = known(other, [
			'especially_major',
			'major',
			'relatively_large',
			'general'
		] as const);
	return facts;
}

/** The strict facts for `gradeBody` (numbers as typed, so bad input is refused, not ignored). */
function strictFacts(f: FormFields): Record<string, unknown> {
	const facts: Record<string, unknown> = {
		...intakeFacts(f),
		economicLossYuan: num(f, 'economicLossYuan')
	};
	const sector = one(f, 'sector');
	if (sector === 'telecom')
		facts.telecomOutage = {
			hours: num(f, 'outageHours'),
			facilityClass: maybeChoice(f, 'facilityClass') ?? UNKNOWN
		};
	if (sector === 'radio') facts.radioInterferenceHours = num(f, 'interferenceHours');
	return facts;
}

function howLearned(f: FormFields): unknown {
	const kind = one(f, 'howLearned');
	const detail = one(f, 'howLearnedDetail');
	switch (kind) {
		case 'unknown':
			return UNKNOWN;
		case 'own_monitoring':
			return { kind };
		case 'public_posting':
			return { kind, url: detail };
		case 'third_party':
			return { kind, reporter: detail };
		case 'other':
			return { kind, text: detail };
		default:
			return undefined;
	}
}

/** "name | address" per line; an address may be 尚不明确 (left out). */
function systems(f: FormFields): unknown {
	if (isUnknown(f, 'systems')) return UNKNOWN;
	return lines(f, 'systems').map((l) => {
		const [name = '', address = ''] = l.split('|').map((s) => s.trim());
		return { name, address: address || UNKNOWN };
	});
}

/** Request body of the API's reportIncident (organisation and drill come from the account). */
export function intakeReportBody(f: FormFields): unknown {
	const occurred = isUnknown(f, 'occurredAt') ? UNKNOWN : chinaMinuteToIso(one(f, 'occurredAt'));
	const types = isUnknown(f, 'dataTypes') ? UNKNOWN : many(f, 'dataTypes');
	const volumeGb = num(f, 'volumeGb');
	const records = num(f, 'records');
	const pi = volume(f, 'pi');
	const spi = volume(f, 'spi');
	return {
		report: {
			reportingUnit: {
				name: one(f, 'unitName'),
				contact: one(f, 'unitContact'),
				mobile: one(f, 'unitMobile')
			},
			occurredAt: occurred,
			discoveredAt: chinaMinuteToIso(one(f, 'discoveredAt')),
			howLearned: howLearned(f),
			region: one(f, 'region'),
			sector: one(f, 'sector'),
			systems: systems(f),
			cause: text(f, 'cause'),
			data: {
				types,
				grade: text(f, 'dataGrade'),
				...(volumeGb !== undefined ? { volumeGb } : {}),
				...(records !== undefined ? { records } : {}),
				...(pi !== undefined ? { personalInfo: pi } : {}),
				...(spi !== undefined ? { sensitivePersonalInfo: spi } : {})
			},
			impact: {
				organisations: text(f, 'impactOrganisations'),
				regionsSectors: text(f, 'impactRegionsSectors')
			},
			handling: {
				measuresTaken: text(f, 'measuresTaken'),
				furtherMeasures: text(f, 'furtherMeasures'),
				supportRequested: lines(f, 'supportRequested')
			},
			signedOff: checked(f, 'signedOff'),
			cii: checked(f, 'cii')
		}
	};
}

/** Request body of the API's selfGrade: the facts, the processor's level, the sign-off. */
export function intakeGradeBody(f: FormFields): unknown {
	const level = one(f, 'level');
	return {
		facts: strictFacts(f),
		...(level ? { level } : {}),
		signedOff: checked(f, 'signedOff')
	};
}

/** Form field an API schema path belongs to (so its error shows beside the right input). */
export function fieldOfPath(path: string): string {
	const map: Record<string, string> = {
		'report.reportingUnit.name': 'unitName',
		'report.reportingUnit.contact': 'unitContact',
		'report.reportingUnit.mobile': 'unitMobile',
		'report.occurredAt': 'occurredAt',
		'report.discoveredAt': 'discoveredAt',
		'report.howLearned': 'howLearned',
		'report.region': 'region',
		'report.sector': 'sector',
		'report.systems': 'systems',
		'report.cause': 'cause',
		'report.data.types': 'dataTypes',
		'report.data.grade': 'dataGrade',
		'report.data.volumeGb': 'volumeGb',
		'report.data.records': 'records',
		'report.data.personalInfo': 'pi',
		'report.data.sensitivePersonalInfo': 'spi',
		'report.impact.organisations': 'impactOrganisations',
		'report.impact.regionsSectors': 'impactRegionsSectors',
		'report.handling.measuresTaken': 'measuresTaken',
		'report.handling.furtherMeasures': 'furtherMeasures',
		'report.handling.supportRequested': 'supportRequested',
		'facts.economicLossYuan': 'economicLossYuan',
		'facts.telecomOutage': 'outageHours',
		'facts.radioInterferenceHours': 'interferenceHours',
		'facts.threat': 'threat',
		'facts.industrialImpact': 'industrialImpact',
		level: 'level',
		signedOff: 'signedOff'
	};
	for (const [prefix, field] of Object.entries(map))
		if (path === prefix || path.startsWith(`${prefix}.`)) return field;
	return '_';
}
