import { labelOf, type MessageKey } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { NewsletterTopic } from './topics.ts';

const TOPICS: Record<NewsletterTopic, MessageKey> = {
	association: 'newsletter_topic_association',
	events: 'newsletter_topic_events',
	trainings: 'newsletter_topic_trainings',
	funding: 'newsletter_topic_funding'
};

export const topicLabel = (topic: string, locale: Locale) => labelOf(TOPICS, topic, locale);

const ISSUE_STATUSES: Record<string, MessageKey> = {
	draft: 'newsletter_status_draft',
	sending: 'newsletter_status_sending',
	sent: 'newsletter_status_sent'
};

export const issueStatusLabel = (status: string, locale: Locale) => labelOf(ISSUE_STATUSES, status, locale);
