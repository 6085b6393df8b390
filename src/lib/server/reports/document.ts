import { CHINA_OFFSET_MS, chinaDate } from '$lib/domain/calendar/calendar';
import {
	isKnown,
	LEVEL_LABEL,
	SECTOR_LABEL,
	DATA_GRADE_LABEL,
	COLOUR_LABEL
} from '$lib/domain/levels';
import type { Maybe } from '$lib/domain/levels';
import { regionByCode } from '$lib/domain/regions';
import type { ReportModel } from '$lib/domain/report';
import type { SummaryReport } from '$lib/domain/incident';
import { translator, type Lang } from '$lib/i18n';

/**
 * One neutral document tree per report, rendered twice: to DOCX (docx library) and to the
 * printable HTML page. Both renderers only lay out these blocks, so the two exports cannot say
 * different things.
 */
export type Block =
	| { kind: 'h1'; text: string }
	| { kind: 'h2'; text: string }
	| { kind: 'p'; text: string }
	| { kind: 'field'; label: string; value: string }
	| { kind: 'list'; items: string[] }
	| { kind: 'table'; id: string; head: string[]; rows: string[][] };

export type DocumentKind = 'incident' | 'summary';

export interface ReportDocument {
	kind: DocumentKind;
	lang: Lang;
	incidentId: string;
	title: string;
	/** Attachment number of the plan's template ("附件2"). */
	template: string;
	cover: { unit: string; date: string } | null;
	drill: boolean;
	blocks: Block[];
	/** "Built from log seq N, hash H, at T": printed on every export. */
	provenance: string;
	position: { seq: number; hash: string };
	generatedAt: string;
}

/** 'YYYY-MM-DD HH:mm' in China time: the templates want times to the minute. */
export function chinaMinute(iso: string): string {
	const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
	return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

export function buildDocument(model: ReportModel, kind: DocumentKind, lang: Lang): ReportDocument {
	const t = translator(lang);
	const unknown = t('report.unknown');
	const maybe = (v: Maybe<string> | undefined): string =>
		v === undefined || !isKnown(v) ? unknown : v;
	const time = (v: string | undefined) => (v ? chinaMinute(v) : '—');
	const level = (l: ReportModel['level']) => (l ? LEVEL_LABEL[l][lang] : t('report.ungraded'));
	const region = (code: string) => {
		const r = regionByCode(code);
		return r ? (lang === 'zh' ? r.name : r.en) : code;
	};
	const f = model.facts;
	const blocks: Block[] = [];
	const h1 = (text: string) => blocks.push({ kind: 'h1', text });
	const h2 = (text: string) => blocks.push({ kind: 'h2', text });
	const field = (label: string, value: string) => blocks.push({ kind: 'field', label, value });

	const howLearned = (() => {
		const h = f.howLearned;
		if (!isKnown(h)) return unknown;
		switch (h.kind) {
			case 'own_monitoring':
				return t('report.how.own_monitoring');
			case 'public_posting':
				return `${t('report.how.public_posting')}（${h.url}）`;
			case 'third_party':
				return `${t('report.how.third_party')}（${h.reporter}）`;
			case 'other':
				return `${t('report.how.other')}（${h.text}）`;
		}
	})();
	const volume = (v: unknown): string => {
		if (v === undefined || v === 'unknown') return unknown;
		if (v === 'none') return t('report.none');
		const o = v as { gb?: number; records?: number };
		const parts = [
			o.gb !== undefined ? `${o.gb} GB` : '',
			o.records !== undefined ? t('report.records', { count: o.records }) : ''
		].filter(Boolean);
		return parts.length ? parts.join(' / ') : unknown;
	};

	const factsSection = (head: (text: string) => void, numbered: (i: number) => string) => {
		head(numbered(1) + t('report.section.unit'));
		field(t('report.field.unitName'), f.reportingUnit.name);
		field(t('report.field.contact'), `${f.reportingUnit.contact}  ${f.reportingUnit.mobile}`);
		head(numbered(2) + t('report.section.incident'));
		field(t('report.field.occurredAt'), isKnown(f.occurredAt) ? time(f.occurredAt) : unknown);
		field(t('report.field.discoveredAt'), time(f.discoveredAt));
		field(t('report.field.howLearned'), howLearned);
		field(t('report.field.organisation'), f.organisation.name);
		field(t('report.field.regionSector'), `${region(f.region)} · ${SECTOR_LABEL[f.sector][lang]}`);
		field(t('report.field.level'), level(model.level));
		field(
			t('report.field.systems'),
			isKnown(f.systems)
				? f.systems.map((s) => `${s.name}（${maybe(s.address)}）`).join('；')
				: unknown
		);
		field(t('report.field.cause'), maybe(f.cause));
		head(numbered(3) + t('report.section.data'));
		field(
			t('report.field.dataTypes'),
			isKnown(f.data.types)
				? f.data.types.map((x) => t(`report.dataType.${x}`)).join('、')
				: unknown
		);
		field(
			t('report.field.dataGrade'),
			isKnown(f.data.grade) ? DATA_GRADE_LABEL[f.data.grade][lang] : unknown
		);
		field(
			t('report.field.volume'),
			volume({
				gb: typeof f.data.volumeGb === 'number' ? f.data.volumeGb : undefined,
				records: typeof f.data.records === 'number' ? f.data.records : undefined
			})
		);
		field(t('report.field.personalInfo'), volume(f.data.personalInfo));
		field(t('report.field.sensitivePersonalInfo'), volume(f.data.sensitivePersonalInfo));
		head(numbered(4) + t('report.section.impact'));
		field(t('report.field.affectedOrgs'), maybe(f.impact.organisations));
		field(t('report.field.affectedRegions'), maybe(f.impact.regionsSectors));
		head(numbered(5) + t('report.section.handling'));
		field(t('report.field.measuresTaken'), maybe(f.handling.measuresTaken));
		field(t('report.field.furtherMeasures'), maybe(f.handling.furtherMeasures));
		field(
			t('report.field.supportRequested'),
			f.handling.supportRequested.length
				? f.handling.supportRequested.map((s, i) => `${i + 1}. ${s}`).join('；')
				: t('report.none')
		);
		field(t('report.field.signedOff'), model.facts.signedOff ? t('report.yes') : t('report.no'));
	};

	const record = (start: number) => {
		const cn = (i: number) => t(`report.numeral.${i}`);
		h1(`${cn(start)}、${t('report.section.levelHistory')}`);
		blocks.push({
			kind: 'table',
			id: 'levels',
			head: [
				t('report.col.time'),
				t('report.col.from'),
				t('report.col.to'),
				t('report.col.by'),
				t('report.col.reason')
			],
			rows: model.levelHistory.map((e) => [
				time(e.at),
				e.from ? LEVEL_LABEL[e.from][lang] : '—',
				LEVEL_LABEL[e.level][lang],
				`${e.by}（${t(`report.source.${e.source}`)}）`,
				[e.reason, e.firedCriteria?.join('、')].filter(Boolean).join('；') || '—'
			])
		});
		h1(`${cn(start + 1)}、${t('report.section.timeline')}`);
		blocks.push({
			kind: 'table',
			id: 'timeline',
			head: [
				t('report.col.seq'),
				t('report.col.action'),
				t('report.col.by'),
				t('report.col.occurred'),
				t('report.col.recorded'),
				t('report.col.detail')
			],
			rows: model.timeline.map((e) => [
				String(e.seq),
				t(`wall.event.${e.type}`, { defaultValue: e.type }),
				e.by,
				time(e.occurredAt),
				time(e.recordedAt),
				e.detail || '—'
			])
		});
		h1(`${cn(start + 2)}、${t('report.section.clocks')}`);
		blocks.push({ kind: 'p', text: t('report.policy', { version: model.policyVersion }) });
		blocks.push({
			kind: 'table',
			id: 'clocks',
			head: [
				t('report.col.duty'),
				t('report.col.started'),
				t('report.col.due'),
				t('report.col.done'),
				t('report.col.status')
			],
			rows: model.clocks.map((c) => [
				t(`wall.duty.${c.duty}`),
				time(c.startedAt),
				c.provisional
					? `${time(c.dueAt)}（${t('calendar.provisional')}：${t('calendar.provisionalWhy', { years: c.provisional.years.join('、') })}）`
					: time(c.dueAt),
				time(c.metAt),
				t(`report.clock.${c.status}`)
			])
		});
		h1(`${cn(start + 3)}、${t('report.section.agencies')}`);
		if (model.agencies.length === 0) blocks.push({ kind: 'p', text: t('report.none') });
		else
			blocks.push({
				kind: 'table',
				id: 'agencies',
				head: [
					t('report.col.agency'),
					t('report.col.capability'),
					t('report.col.assigned'),
					t('report.col.accepted'),
					t('report.col.arrived'),
					t('report.col.status')
				],
				rows: model.agencies.map((a) => [
					a.agencyName,
					t(`wall.capability.${a.capability}`, { defaultValue: a.capability }),
					time(a.assignedAt),
					a.declinedAt ? `${t('report.declined')} ${time(a.declinedAt)}` : time(a.acceptedAt),
					time(a.arrivedAt),
					a.acceptance ? t(`report.clock.${a.acceptance.status}`) : '—'
				])
			});
		h1(`${cn(start + 4)}、${t('report.section.warnings')}`);
		if (model.warnings.length === 0) blocks.push({ kind: 'p', text: t('report.none') });
		else
			blocks.push({
				kind: 'table',
				id: 'warnings',
				head: [
					t('report.col.warning'),
					t('report.col.colour'),
					t('report.col.issued'),
					t('report.col.until'),
					t('report.col.relation')
				],
				rows: model.warnings.map((w) => [
					w.title,
					COLOUR_LABEL[w.colour][lang],
					time(w.issuedAt),
					w.liftedAt ? `${t('report.lifted')} ${time(w.liftedAt)}` : time(w.validUntil),
					w.linked ? t('report.linked') : t('report.covered')
				])
			});
	};

	let cover: ReportDocument['cover'] = null;
	if (kind === 'incident') {
		factsSection(h1, (i) => `${t(`report.numeral.${i}`)}、`);
		record(6);
	} else {
		const filed = model.summary.regulator ?? model.summary.processor;
		const filedAt = model.summaryAt.regulator ?? model.summaryAt.processor;
		cover = {
			unit: filed?.filingUnit ?? model.facts.reportingUnit.name,
			date: chinaDate(filedAt ?? model.generatedAt)
		};
		const s: SummaryReport | null = filed;
		const none = t('report.notFiled');
		const cn = (i: number) => t(`report.numeral.${i}`);
		const sub = (i: number) => t(`report.sub.${i}`);
		h1(`${cn(1)}、${t('report.summary.basicFacts')}`);
		const facts = s?.basicFacts;
		(['cause', 'course', 'authenticity', 'responsibility', 'impactAndLoss'] as const).forEach(
			(k, i) => {
				h2(`${sub(i + 1)}${t(`report.summary.${k}`)}`);
				blocks.push({ kind: 'p', text: facts?.[k] ?? none });
			}
		);
		h1(`${cn(2)}、${t('report.summary.measures')}`);
		(['management', 'technical', 'personnel', 'emergency', 'userNotice'] as const).forEach(
			(k, i) => {
				h2(`${sub(i + 1)}${t(`report.summary.${k}`)}`);
				blocks.push({ kind: 'p', text: s?.measures[k] ?? none });
			}
		);
		h1(`${cn(3)}、${t('report.summary.improvementPlan')}`);
		blocks.push({ kind: 'p', text: s?.improvementPlan ?? none });
		h1(`${cn(4)}、${t('report.summary.lessonsLearned')}`);
		blocks.push({ kind: 'p', text: s?.lessonsLearned ?? none });
		h1(`${cn(5)}、${t('report.summary.otherMatters')}`);
		blocks.push({ kind: 'p', text: s ? s.otherMatters || t('report.none') : none });
		h1(`${cn(6)}、${t('report.summary.evidence')}`);
		if (s && s.evidence.length) blocks.push({ kind: 'list', items: s.evidence });
		else blocks.push({ kind: 'p', text: s ? t('report.none') : none });
		h1(`${cn(7)}、${t('report.section.facts')}`);
		factsSection(h2, (i) => `${sub(i)}`);
		record(8);
	}

	return {
		kind,
		lang,
		incidentId: model.incidentId,
		title: t(kind === 'incident' ? 'report.title.incident' : 'report.title.summary'),
		template: t(kind === 'incident' ? 'report.template.incident' : 'report.template.summary'),
		cover,
		drill: model.drill,
		blocks,
		provenance: t('report.provenance', {
			seq: model.position.seq,
			hash: model.position.hash,
			time: chinaMinute(model.generatedAt)
		}),
		position: model.position,
		generatedAt: model.generatedAt
	};
}
