export interface ContentFile {
	title: string;
	summary: string;
	body: string;
}

/**
 * Parses the seed content format: a `---` block with `title:` and `summary:` lines, then Markdown.
 * Deliberately tiny (no YAML library): the seed files are ours and use only these two keys.
 */
export function parseContentFile(text: string): ContentFile {
	const normalized = text.replace(/\r\n?/g, '\n');
	const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalized);
	if (!match) throw new Error('content file has no front matter');
	const fields = new Map<string, string>();
	for (const line of match[1]!.split('\n')) {
		const kv = /^([a-z]+):\s*(.*)$/.exec(line);
		if (kv) fields.set(kv[1]!, kv[2]!.trim());
	}
	const title = fields.get('title');
	if (!title) throw new Error('content file has no title');
	return { title, summary: fields.get('summary') ?? '', body: match[2]!.trim() + '\n' };
}
