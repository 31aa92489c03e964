-- Curation: prayer notes, publication state (stable ids, corrections, retractions, embargo), story groups,
-- the audit log, and a version counter that changes whenever anything published changes (cache key).

CREATE TABLE prayer_notes (
  item_id     INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
  points      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  scripture   TEXT,
  text        TEXT,                         -- Markdown as the curator wrote it
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE publications (
  item_id           INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
  guid              TEXT NOT NULL UNIQUE,   -- tag URI assigned at first publish, never changes
  published_at      TEXT NOT NULL,          -- when it became (or becomes, with an embargo) public
  published_by      TEXT NOT NULL,
  corrected_at      TEXT,                   -- last correction of a published item
  retracted_at      TEXT,
  retraction_reason TEXT
);
CREATE INDEX publications_published ON publications (published_at DESC);

-- Items about one event share a story id (the id of the group's first item).
ALTER TABLE items ADD COLUMN story_id INTEGER;
CREATE INDEX items_story ON items (story_id) WHERE story_id IS NOT NULL;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  item_id   INTEGER REFERENCES items (id) ON DELETE CASCADE,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,                  -- tag, untag, note, publish, correct, retract, dismiss, reopen, ...
  before    TEXT,                           -- JSON
  after     TEXT,                           -- JSON
  at        TEXT NOT NULL
);
CREATE INDEX audit_log_item ON audit_log (item_id, id);

CREATE TABLE curated_version (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL
);
INSERT INTO curated_version (id, version) VALUES (1, 1);
