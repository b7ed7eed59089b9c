import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser } from 'mailparser';

export interface E2EState {
	mailDir: string;
	databaseUrl?: string;
	adminEmail: string;
	adminPassword?: string;
}

export function e2eState(baseURL: string): E2EState {
	const port = new URL(baseURL).port;
	return JSON.parse(
		readFileSync(path.join(os.tmpdir(), `miteinander-e2e-${port}`, 'state.json'), 'utf8')
	) as E2EState;
}

export interface ReceivedMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	headers: Map<string, unknown>;
}

async function readAll(mailDir: string): Promise<ReceivedMail[]> {
	const files = readdirSync(mailDir).sort().reverse();
	return Promise.all(
		files.map(async (file) => {
			const parsed = await simpleParser(readFileSync(path.join(mailDir, file)));
			const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
			return {
				to,
				subject: parsed.subject ?? '',
				text: parsed.text ?? '',
				html: typeof parsed.html === 'string' ? parsed.html : '',
				headers: parsed.headers
			};
		})
	);
}

/** Waits for the newest mail to `to` whose text matches, as it arrived at the test SMTP server. */
export async function waitForMail(baseURL: string, to: string, matching: RegExp): Promise<ReceivedMail> {
	const { mailDir } = e2eState(baseURL);
	let found: ReceivedMail | undefined;
	await expect
		.poll(
			async () => {
				found = (await readAll(mailDir)).find((mail) => mail.to.includes(to) && matching.test(mail.text));
				return Boolean(found);
			},
			{ timeout: 20_000 }
		)
		.toBe(true);
	return found!;
}

/** The first link in a mail's text part that leads back to the site. */
export function linkIn(mail: ReceivedMail, baseURL: string): string {
	const escaped = baseURL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	const match = new RegExp(`${escaped}[^\\s"<>]+`).exec(mail.text);
	if (!match) throw new Error(`no link in mail: ${mail.subject}`);
	return match[0];
}
