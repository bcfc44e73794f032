-- CourtVoice schema, version 4: single-use invitation codes for staff and judge surveys.
--
-- Anonymity by construction (docs/engineering-notes.md, "Invitation codes"): a code is spent in
-- invitation_codes and the response is written to responses with no reference either way, and
-- nothing here records when or in which order codes were spent.
-- - Batches keep the month they were made in, never a time.
-- - Codes are keyed by the SHA-256 of the normalised code: random order, no AUTO_INCREMENT, and
--   the plaintext is never stored (it is shown once, when the batch is made).
-- - `spent` is a flag, not a time. Each transaction that spends a code sets `stir` of every spent
--   code of its batch to one new value (the same for all), so that InnoDB's hidden per-row
--   transaction id (DB_TRX_ID, readable from the .ibd files) is the same for all of them and no
--   longer pairs a code with the response committed in the same transaction. (A per-row
--   `stir = stir + 1` would count the spends after each code: the order of spending.)
-- - The only secondary index is on batch_id, which never changes: updating `spent` moves no
--   index entry, so no index page keeps spent codes in the order they were spent.
CREATE TABLE invitation_batches (
  id           INT          NOT NULL AUTO_INCREMENT,
  survey_id    VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  court_code   VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  region       VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  expires_on   DATE         NOT NULL,
  created_month CHAR(7)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  issued       INT          NOT NULL,
  PRIMARY KEY (id),
  KEY ix_invitation_batches_survey (survey_id),
  CONSTRAINT fk_invitation_batches_survey FOREIGN KEY (survey_id) REFERENCES surveys (id),
  CONSTRAINT fk_invitation_batches_court FOREIGN KEY (court_code) REFERENCES courts (code),
  CONSTRAINT ck_invitation_batches_scope CHECK ((court_code IS NULL) <> (region IS NULL)),
  CONSTRAINT ck_invitation_batches_issued CHECK (issued BETWEEN 1 AND 5000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE invitation_codes (
  code_hash  BINARY(32)   NOT NULL,
  batch_id   INT          NOT NULL,
  spent      TINYINT(1)   NOT NULL DEFAULT 0,
  stir       INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (code_hash),
  KEY ix_invitation_codes_batch (batch_id),
  CONSTRAINT fk_invitation_codes_batch FOREIGN KEY (batch_id) REFERENCES invitation_batches (id) ON DELETE CASCADE
) ENGINE=InnoDB;
