-- Feeds with their fetch state, items, the sources that carried each item, and full-text search.
-- All times are UTC ISO 8601 strings (strftime('%Y-%m-%dT%H:%M:%fZ')).

CREATE TABLE feeds (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  url             TEXT NOT NULL,              -- as configured in feeds.yml
  fetch_url       TEXT,                       -- after a permanent redirect or autodiscovery; NULL = url
  kind            TEXT NOT NULL DEFAULT 'news' CHECK (kind IN ('news', 'ministry')),
  countries       TEXT NOT NULL DEFAULT '[]', -- JSON array of ISO alpha-2 codes
  interval_sec    INTEGER NOT NULL DEFAULT 1800,
  extract         TEXT NOT NULL DEFAULT 'auto' CHECK (extract IN ('auto', 'always', 'never')),
  republish       TEXT NOT NULL DEFAULT 'excerpt' CHECK (republish IN ('link', 'excerpt', 'full')),
  enabled         INTEGER NOT NULL DEFAULT 1,
  in_config       INTEGER NOT NULL DEFAULT 1, -- 0 once removed from feeds.yml (its items stay)
  title           TEXT,                       -- from the feed document
  site_url        TEXT,
  etag            TEXT,
  last_modified   TEXT,
  hint_sec        INTEGER,                    -- ttl / sy:updatePeriod / max-age, seconds
  last_polled_at  TEXT,
  last_status     INTEGER,                    -- last HTTP status
  last_success_at TEXT,
  last_error_at   TEXT,
  last_error_code TEXT,
  last_error      TEXT,                       -- a sentence that says what happened and what to do
  error_count     INTEGER NOT NULL DEFAULT 0, -- consecutive failures
  next_poll_at    TEXT,                       -- NULL = due now
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE items (
  id                 INTEGER PRIMARY KEY,
  url                TEXT UNIQUE,             -- canonical URL; one item per URL whatever feed carried it
  title              TEXT NOT NULL,
  summary            TEXT NOT NULL DEFAULT '', -- plain text
  content_html       TEXT,                    -- sanitized feed content
  author             TEXT,
  image_url          TEXT,
  categories         TEXT NOT NULL DEFAULT '[]',
  published_at       TEXT,                    -- as the source dated it; NULL when missing or unparseable
  source_updated_at  TEXT,
  first_seen_at      TEXT NOT NULL,
  sort_at            TEXT NOT NULL,           -- published_at, else first_seen_at
  content_hash       TEXT NOT NULL,
  status             TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'published', 'dismissed', 'retracted')),
  -- article extraction
  extraction_status  TEXT NOT NULL DEFAULT 'pending'
                     CHECK (extraction_status IN ('pending', 'skipped', 'done', 'failed')),
  extraction_code    TEXT,
  extraction_reason  TEXT,
  extraction_attempts INTEGER NOT NULL DEFAULT 0,
  extracted_at       TEXT,
  final_url          TEXT,
  canonical_url      TEXT,
  article_html       TEXT,
  article_text       TEXT,
  byline             TEXT,
  site_name          TEXT,
  lang               TEXT,
  word_count         INTEGER,
  reading_minutes    INTEGER,
  article_published_at TEXT,
  prayer_points      TEXT NOT NULL DEFAULT '[]',
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX items_sort ON items (sort_at DESC, id DESC);
CREATE INDEX items_status_sort ON items (status, sort_at DESC, id DESC);
CREATE INDEX items_extraction ON items (extraction_status) WHERE extraction_status = 'pending';

-- Every feed entry that pointed at an item. (feed_id, entry_key) is the entry's identity in its feed, so a
-- dismissed item is never brought back by a re-poll, and no attribution is lost when two feeds carry one story.
CREATE TABLE item_sources (
  item_id        INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  feed_id        INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  entry_key      TEXT NOT NULL,
  guid           TEXT,
  url            TEXT,
  title          TEXT NOT NULL,
  published_at   TEXT,
  content_hash   TEXT NOT NULL,
  first_seen_at  TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (feed_id, entry_key)
) WITHOUT ROWID;
CREATE INDEX item_sources_item ON item_sources (item_id);

CREATE VIRTUAL TABLE items_fts USING fts5 (
  title, summary, article_text,
  content = 'items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts (rowid, title, summary, article_text) VALUES (new.id, new.title, new.summary, new.article_text);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts (items_fts, rowid, title, summary, article_text)
  VALUES ('delete', old.id, old.title, old.summary, old.article_text);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, article_text ON items BEGIN
  INSERT INTO items_fts (items_fts, rowid, title, summary, article_text)
  VALUES ('delete', old.id, old.title, old.summary, old.article_text);
  INSERT INTO items_fts (rowid, title, summary, article_text) VALUES (new.id, new.title, new.summary, new.article_text);
END;
