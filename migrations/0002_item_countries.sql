-- Country tags a curator accepted or added (what readers subscribe to), and the suggestions computed from the text.

CREATE TABLE item_countries (
  item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  code      TEXT NOT NULL,                      -- ISO 3166-1 alpha-2 (or XK)
  source    TEXT NOT NULL CHECK (source IN ('suggested', 'feed', 'curator')),
  added_by  TEXT NOT NULL,                      -- user name, or 'system'
  added_at  TEXT NOT NULL,
  PRIMARY KEY (item_id, code)
) WITHOUT ROWID;
CREATE INDEX item_countries_code ON item_countries (code, item_id);

-- Recomputed when an item's text changes; never touches item_countries.
CREATE TABLE item_country_suggestions (
  item_id    INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  code       TEXT NOT NULL,
  score      REAL NOT NULL,
  is_primary INTEGER NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('suggested', 'feed')),
  evidence   TEXT NOT NULL DEFAULT '[]',        -- JSON [{ phrase, count, where }]
  PRIMARY KEY (item_id, code)
) WITHOUT ROWID;
