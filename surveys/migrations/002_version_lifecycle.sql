-- CourtVoice schema, version 2: the rest of a version's lifecycle.
-- A draft may be edited until it is published (updated_on: when it last changed); a closed
-- version may be archived (archived_on). Status 'archived' was allowed from the start.
ALTER TABLE survey_versions
  ADD COLUMN updated_on  DATETIME NULL AFTER created_on,
  ADD COLUMN archived_on DATETIME NULL AFTER closed_on;
