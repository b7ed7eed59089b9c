import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { BASE_LOCALE, LOCALES } from './locales.ts';

type Catalog = Record<string, string>;
const load = (locale: string): Catalog => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(`messages/${locale}.json`, 'utf8')
	) as Catalog;
	return messages;
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const source = load(BASE_LOCALE);
const sourceFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.name === 'paraglide'
			? []
			: entry.isDirectory()
				? sourceFiles(`${dir}/${entry.name}`)
				: /\.(ts|svelte)$/.test(entry.name)
					? [`${dir}/${entry.name}`]
					: []
	);

describe('message catalogs', () => {
	it('exist for exactly the platform locales', () => {
		const files = readdirSync('messages').filter((f) => /^[a-z]{2}\.json$/.test(f));
		expect(files.map((f) => f.slice(0, 2)).sort()).toEqual([...LOCALES].sort());
	});

	it.each(LOCALES)('%s has every key of the German source, none empty, none extra', (locale) => {
		const catalog = load(locale);
		const missing = Object.keys(source).filter((key) => !catalog[key]?.trim());
		const extra = Object.keys(catalog).filter((key) => !(key in source));
		expect(missing, `missing or empty in ${locale}`).toEqual([]);
		expect(extra, `keys in ${locale} that the source does not have`).toEqual([]);
	});

	it.each(LOCALES)('%s keeps every placeholder of the source', (locale) => {
		const catalog = load(locale);
		for (const [key, text] of Object.entries(source)) {
			expect(placeholders(catalog[key] ?? ''), `${locale}.${key}`).toEqual(placeholders(text));
		}
	});

	it('has no key that the code never uses', () => {
		const code = sourceFiles('src')
			.map((f) => readFileSync(f, 'utf8'))
			.join('\n');
		const unused = Object.keys(source).filter(
			(key) => !code.includes(`m.${key}`) && !code.includes(`'${key}'`)
		);
		expect(unused).toEqual([]);
	});

	it('uses flat snake_case keys prefixed by a domain', () => {
		for (const key of Object.keys(source)) expect(key).toMatch(/^[a-z]+(_[a-z0-9]+)+$/);
	});
});

describe('seeded page content', () => {
	const pages = readdirSync(`content/pages/${BASE_LOCALE}`).filter((f) => f.endsWith('.md'));
	const shape = (text: string) => ({
		headings: text.match(/^#+ /gm)?.join('') ?? '',
		items: (text.match(/^\s*(- |\d+\. )/gm) ?? []).length
	});

	it.each(LOCALES)('has every page in %s with the structure of the German source', (locale) => {
		for (const file of pages) {
			const translated = readFileSync(`content/pages/${locale}/${file}`, 'utf8');
			const original = readFileSync(`content/pages/${BASE_LOCALE}/${file}`, 'utf8');
			expect(translated, `${locale}/${file}`).toMatch(/^---\ntitle: .+\nsummary: .+\n---\n/);
			expect(shape(translated), `${locale}/${file}`).toEqual(shape(original));
		}
	});
});
