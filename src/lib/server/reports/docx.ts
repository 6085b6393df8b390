import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Packer,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { Block, ReportDocument } from './document';

/**
 * The official layout (GB/T 9704 as the plan's templates use it): A4, body 仿宋 size 3 (16 pt),
 * level-1 headings 黑体, level-2 楷体 bold. Fonts are named, not embedded: the reader's Word
 * or WPS substitutes its own 仿宋/黑体/楷体 (every Chinese government desktop has them).
 */
export const FONTS = {
	body: '仿宋',
	heading1: '黑体',
	heading2: '楷体',
	title: '黑体'
} as const;

/** Half-points: 三号 = 16 pt, 二号 = 22 pt, table text 四号 = 14 pt. */
const SIZE = { body: 32, title: 44, table: 28, footer: 24 };
const MM = 56.7; // twips per millimetre

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

const run = (text: string, name: string, size: number, bold = false) =>
	new TextRun({ text, font: font(name), size, bold });

const para = (text: string, name: string = FONTS.body, bold = false, indent = true) =>
	new Paragraph({
		children: [run(text, name, SIZE.body, bold)],
		indent: indent ? { firstLine: SIZE.body * 20 } : undefined,
		spacing: { line: 560, lineRule: 'exact' }
	});

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(head: string[], rows: string[][]): Table {
	const cell = (text: string, bold: boolean) =>
		new TableCell({
			children: [new Paragraph({ children: [run(text, FONTS.body, SIZE.table, bold)] })]
		});
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: {
			top: thin,
			bottom: thin,
			left: thin,
			right: thin,
			insideHorizontal: thin,
			insideVertical: thin
		},
		rows: [
			new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
			...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) }))
		]
	});
}

function block(b: Block): (Paragraph | Table)[] {
	switch (b.kind) {
		case 'h1':
			return [para(b.text, FONTS.heading1)];
		case 'h2':
			return [para(b.text, FONTS.heading2, true)];
		case 'p':
			return b.text.split('\n').map((line) => para(line));
		case 'field':
			return [
				new Paragraph({
					children: [
						run(`${b.label}：`, FONTS.body, SIZE.body, true),
						run(b.value, FONTS.body, SIZE.body)
					],
					indent: { firstLine: SIZE.body * 20 },
					spacing: { line: 560, lineRule: 'exact' }
				})
			];
		case 'list':
			return b.items.map((item, i) => para(`${i + 1}. ${item}`));
		case 'table':
			return [table(b.head, b.rows), new Paragraph({ children: [] })];
	}
}

export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
	const children: (Paragraph | Table)[] = [
		new Paragraph({ children: [run(doc.template, FONTS.heading1, SIZE.body)] })
	];
	if (doc.drill) children.push(para(`【${doc.lang === 'zh' ? '演练' : 'DRILL'}】`, FONTS.heading1));
	children.push(
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { before: 400, after: 400 },
			children: [run(doc.title, FONTS.title, SIZE.title)]
		})
	);
	if (doc.cover) {
		const label = doc.lang === 'zh' ? '报送单位（盖章）：' : 'Filing unit (seal): ';
		const date = doc.lang === 'zh' ? '日期：' : 'Date: ';
		children.push(para(`${label}${doc.cover.unit}`, FONTS.body, false, false));
		children.push(para(`${date}${doc.cover.date}`, FONTS.body, false, false));
	}
	for (const b of doc.blocks) children.push(...block(b));
	children.push(
		new Paragraph({
			spacing: { before: 400 },
			children: [run(doc.provenance, FONTS.body, SIZE.footer)]
		})
	);
	const document = new Document({
		creator: 'Fenghuo',
		title: doc.title,
		description: doc.provenance,
		styles: {
			default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } }
		},
		sections: [
			{
				properties: {
					page: {
						size: { width: 11906, height: 16838 },
						margin: {
							top: Math.round(37 * MM),
							bottom: Math.round(35 * MM),
							left: Math.round(28 * MM),
							right: Math.round(26 * MM)
						}
					}
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [
									new TextRun({
										children: ['— ', PageNumber.CURRENT, ' —'],
										font: font('宋体'),
										size: SIZE.footer
									})
								]
							})
						]
					})
				},
				children
			}
		]
	});
	const buffer = await Packer.toBuffer(document);
	return new Uint8Array(buffer);
}
