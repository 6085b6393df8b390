import i18next, { type TFunction } from 'i18next';
import { en } from './en';
import { zh } from './zh';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape of every language's messages: zh.ts is the reference. */
export type Messages = Widen<typeof zh>;

const instance = i18next.createInstance();
void instance.init({
	// Synchronous init: resources are bundled, and SSR must not await a translator.
	initAsync: false,
	lng: 'zh',
	fallbackLng: 'zh',
	resources: { zh: { translation: zh }, en: { translation: en } },
	interpolation: { escapeValue: false }, // Svelte escapes text itself
	returnNull: false
});

/** A translator fixed to one language (safe under concurrent SSR requests). */
export function translator(lang: Lang): TFunction {
	return instance.getFixedT(lang);
}

export function parseLang(value: string | null | undefined): Lang | undefined {
	return LANGS.find((l) => l === value);
}

export const htmlLang = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');
