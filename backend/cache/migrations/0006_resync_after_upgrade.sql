-- Flowdeck cache, schema version 6: runs stored before schemas 4 and 5 have
-- no stored runs/search JSON and keep one metric_history row per key.
-- Readers handle both, but such runs would stay that way until they change,
-- and search would keep encoding them on demand. Forgetting every run's
-- fingerprint and every store marker makes the next sync of each source
-- read every run once and store it in the current form.
UPDATE runs SET fingerprint = '';
UPDATE sources SET marker = '';
