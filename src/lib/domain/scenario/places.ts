import type { Sector } from '../levels';
import { regionByCode } from '../regions';
import { pad, pick, type Org, type Rng } from './kit';

/**
 * Where demo incidents happen, and who they happen to. Weights follow the size of the regional
 * economy (and so of its data), roughly; organisations are invented from name parts so that
 * no real company appears on a demo wall.
 */

interface Place {
	/** Short name used in texts: 广东, 深圳, 兵团. */
	short: string;
	/** Cities used to name organisations (the capital first). */
	cities: readonly string[];
	/** Relative likelihood that a demo incident happens here. */
	weight: number;
	/** Telephone area code, for fictional agency numbers. */
	areaCode: string;
}

export const PLACES: Readonly<Record<string, Place>> = {
	'440000': {
		short: '广东',
		cities: ['广州', '佛山', '东莞', '珠海', '惠州'],
		weight: 10,
		areaCode: '020'
	},
	'320000': {
		short: '江苏',
		cities: ['南京', '苏州', '无锡', '常州', '南通'],
		weight: 9,
		areaCode: '025'
	},
	'330000': {
		short: '浙江',
		cities: ['杭州', '嘉兴', '绍兴', '温州', '湖州'],
		weight: 8,
		areaCode: '0571'
	},
	'370000': {
		short: '山东',
		cities: ['济南', '烟台', '潍坊', '临沂', '淄博'],
		weight: 7,
		areaCode: '0531'
	},
	'110000': { short: '北京', cities: ['北京'], weight: 6, areaCode: '010' },
	'310000': { short: '上海', cities: ['上海'], weight: 6, areaCode: '021' },
	'510000': { short: '四川', cities: ['成都', '绵阳', '德阳', '宜宾'], weight: 5, areaCode: '028' },
	'410000': {
		short: '河南',
		cities: ['郑州', '洛阳', '许昌', '新乡'],
		weight: 5,
		areaCode: '0371'
	},
	'420000': { short: '湖北', cities: ['武汉', '襄阳', '宜昌'], weight: 4, areaCode: '027' },
	'350000': { short: '福建', cities: ['福州', '泉州', '漳州'], weight: 4, areaCode: '0591' },
	'430000': { short: '湖南', cities: ['长沙', '株洲', '岳阳'], weight: 3, areaCode: '0731' },
	'340000': { short: '安徽', cities: ['合肥', '芜湖', '滁州'], weight: 3, areaCode: '0551' },
	'500000': { short: '重庆', cities: ['重庆'], weight: 3, areaCode: '023' },
	'610000': { short: '陕西', cities: ['西安', '宝鸡', '咸阳'], weight: 3, areaCode: '029' },
	'130000': { short: '河北', cities: ['石家庄', '唐山', '保定'], weight: 3, areaCode: '0311' },
	'120000': { short: '天津', cities: ['天津'], weight: 2, areaCode: '022' },
	'210000': { short: '辽宁', cities: ['沈阳', '鞍山', '营口'], weight: 2, areaCode: '024' },
	'360000': { short: '江西', cities: ['南昌', '赣州', '九江'], weight: 1.5, areaCode: '0791' },
	'450000': { short: '广西', cities: ['南宁', '柳州', '桂林'], weight: 1.5, areaCode: '0771' },
	'530000': { short: '云南', cities: ['昆明', '曲靖', '玉溪'], weight: 1.5, areaCode: '0871' },
	'520000': { short: '贵州', cities: ['贵阳', '遵义'], weight: 1.5, areaCode: '0851' },
	'140000': { short: '山西', cities: ['太原', '大同', '长治'], weight: 1, areaCode: '0351' },
	'220000': { short: '吉林', cities: ['长春', '吉林'], weight: 1, areaCode: '0431' },
	'230000': {
		short: '黑龙江',
		cities: ['哈尔滨', '大庆', '齐齐哈尔'],
		weight: 1,
		areaCode: '0451'
	},
	'150000': {
		short: '内蒙古',
		cities: ['呼和浩特', '包头', '鄂尔多斯'],
		weight: 1,
		areaCode: '0471'
	},
	'650000': { short: '新疆', cities: ['乌鲁木齐', '克拉玛依'], weight: 1, areaCode: '0991' },
	'620000': { short: '甘肃', cities: ['兰州', '天水'], weight: 0.7, areaCode: '0931' },
	'460000': { short: '海南', cities: ['海口', '三亚'], weight: 0.7, areaCode: '0898' },
	'640000': { short: '宁夏', cities: ['银川', '石嘴山'], weight: 0.5, areaCode: '0951' },
	'630000': { short: '青海', cities: ['西宁', '海东'], weight: 0.4, areaCode: '0971' },
	'540000': { short: '西藏', cities: ['拉萨'], weight: 0.3, areaCode: '0891' },
	'440300': { short: '深圳', cities: ['深圳'], weight: 4, areaCode: '0755' },
	'330200': { short: '宁波', cities: ['宁波'], weight: 2, areaCode: '0574' },
	'370200': { short: '青岛', cities: ['青岛'], weight: 2, areaCode: '0532' },
	'350200': { short: '厦门', cities: ['厦门'], weight: 1, areaCode: '0592' },
	'210200': { short: '大连', cities: ['大连'], weight: 1, areaCode: '0411' },
	XPCC: { short: '兵团', cities: ['石河子', '五家渠'], weight: 0.5, areaCode: '0993' }
};

export const PLACE_WEIGHTS: readonly (readonly [string, number])[] = Object.entries(PLACES).map(
	([code, p]) => [code, p.weight] as const
);

/** Short name of a region for texts; falls back to the GB/T 2260 name. */
export function placeName(code: string): string {
	return PLACES[code]?.short ?? regionByCode(code)?.name ?? code;
}

export const SECTOR_ZH: Record<Sector, string> = {
	industrial: '工业',
	telecom: '电信',
	radio: '无线电'
};

/** The local regulator's name, for duty-log and report texts. */
export function regulatorName(region: string, sector: Sector): string {
	const r = regionByCode(region);
	const name = r?.name ?? region;
	if (sector === 'telecom') return `${name}通信管理局`;
	if (sector === 'radio') return `${name}无线电管理机构`;
	if (region === 'XPCC') return '新疆生产建设兵团工业和信息化局';
	return `${name}工业和信息化主管部门`;
}

// Invented brand syllables: uncommon pairs, so that a demo name is not a real company's.
const BRANDS = [
	'澜拓',
	'曜衡',
	'峤云',
	'朔屿',
	'铭垣',
	'泽岚',
	'翎川',
	'珩德',
	'骁垣',
	'琮山',
	'霁川',
	'燊航',
	'栎源',
	'璟澄',
	'沄启',
	'崧煜',
	'钤越',
	'岫宁',
	'芃泰',
	'祺峦',
	'隽拓',
	'昶屿',
	'滢川',
	'綦远'
];

const SUFFIXES: Record<Sector, readonly string[]> = {
	industrial: [
		'精密制造有限公司',
		'汽车零部件有限公司',
		'新材料股份有限公司',
		'智能装备有限公司',
		'化工有限公司',
		'工业互联网科技有限公司',
		'电子科技有限公司',
		'特钢集团有限公司',
		'能源装备有限公司',
		'生物医药有限公司',
		'家电制造有限公司',
		'纺织科技有限公司'
	],
	telecom: [
		'通信技术有限公司',
		'数据中心有限公司',
		'云计算有限公司',
		'宽带网络有限公司',
		'互联网信息服务有限公司',
		'移动转售通信有限公司',
		'内容分发网络有限公司'
	],
	radio: [
		'卫星通信有限公司',
		'导航技术有限公司',
		'广播电视传输有限公司',
		'航空通信导航有限公司',
		'北斗应用技术有限公司',
		'物联网通信有限公司'
	]
};

/** Hands out invented organisations, each with a stable id within one scenario. */
export class OrgFactory {
	private readonly count = new Map<string, number>();
	private readonly used = new Set<string>();

	constructor(
		private readonly rng: Rng,
		/** Makes ids unique across scenarios (a day, a drill). */
		private readonly idPrefix: string,
		private readonly namePrefix = ''
	) {}

	make(region: string, sector: Sector): Org {
		const n = (this.count.get(region) ?? 0) + 1;
		this.count.set(region, n);
		const city = pick(this.rng, PLACES[region]?.cities ?? [placeName(region)]);
		let name = '';
		for (let tries = 0; tries < 20; tries++) {
			name = `${this.namePrefix}${city}${pick(this.rng, BRANDS)}${pick(this.rng, SUFFIXES[sector])}`;
			if (!this.used.has(name)) break;
		}
		this.used.add(name);
		return { orgId: `${this.idPrefix}org-${region}-${pad(n, 2)}`, name, region };
	}
}

const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'赵',
	'黄',
	'周',
	'吴',
	'徐',
	'孙',
	'胡',
	'朱'
];
const TITLES = ['工', '经理', '主管', '总监'];

/** A contact line for a report: a surname and a title, never a full name. */
export function contactPerson(rng: Rng): string {
	return `${pick(rng, SURNAMES)}${pick(rng, TITLES)}`;
}

/** 138-0000-xxxx: a reserved-looking, obviously fictional mobile number. */
export function fakeMobile(rng: Rng): string {
	return `1380000${pad(Math.floor(rng() * 10_000), 4)}`;
}
