-- What Heed reads in each customer message (docs/reply-coach.md): its language (guessed from the text;
-- the conversation's when the text gives no sign) and its mood from the per-language lexicons of
-- src/server/coach/lexicons. The conversation keeps the mood of the customer's latest message, so the
-- inbox can list unhappy customers and the reply coach can show the LATTE checklist.
ALTER TABLE messages ADD COLUMN language text CHECK (language IN ('en', 'ru', 'hr', 'sk'));
ALTER TABLE messages ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive'));
-- from -1 (very negative) to 1 (very positive)
ALTER TABLE messages ADD COLUMN sentiment_score real CHECK (sentiment_score BETWEEN -1 AND 1);
ALTER TABLE conversations ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive'));
CREATE INDEX conversations_sentiment_idx
  ON conversations (workspace_id, last_message_at DESC, id DESC) WHERE sentiment = 'negative';

-- The workspace's own jargon (product code names, internal terms) the reply coach flags, besides its
-- built-in lists.
ALTER TABLE workspaces ADD COLUMN coach_jargon text[] NOT NULL DEFAULT '{}' CHECK (cardinality(coach_jargon) <= 200);
