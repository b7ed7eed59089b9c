/** What subscribers choose from; labels are `newsletter_topic_<topic>` in the catalogs. */
export const NEWSLETTER_TOPICS = ['association', 'events', 'trainings', 'funding'] as const;
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];

/** The consent wording's version; a new wording gets a new version (kept with every sign-up). */
export const NEWSLETTER_CONSENT_VERSION = 'newsletter-consent@1';
