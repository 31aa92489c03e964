-- When an item's last ingest step (country suggestions, story grouping) ran. NULL = still owed, so a crash between
-- storing an item and finishing it is caught up at the next start.
ALTER TABLE items ADD COLUMN finished_at TEXT;
UPDATE items SET finished_at = created_at;
CREATE INDEX items_unfinished ON items (id) WHERE finished_at IS NULL;
