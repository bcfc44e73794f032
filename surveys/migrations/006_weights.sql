-- CourtVoice schema, version 6: population counts for post-stratification weights (issue 9).
--
-- One set of counts per survey (docs/api.md "Weights"): a cell is a court, or a court and a case
-- type (the option code of the survey's `case_type` item). Loading a set replaces the previous
-- one in one transaction, so a report never sees half of two sets. Only caseload counts and who
-- loaded them are kept: nothing about respondents.
CREATE TABLE population_sets (
  survey_id   VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  loaded_by   VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL,
  loaded_on   DATETIME     NOT NULL,
  PRIMARY KEY (survey_id),
  CONSTRAINT fk_population_sets_survey FOREIGN KEY (survey_id) REFERENCES surveys (id)
) ENGINE=InnoDB;

CREATE TABLE population_counts (
  survey_id   VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  position    INT          NOT NULL,  -- the cell's place in the loaded file (1, 2, ...)
  court_code  VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  case_type   INT          NULL,      -- NULL: the whole court
  population  BIGINT       NOT NULL,
  PRIMARY KEY (survey_id, position),
  UNIQUE KEY uq_population_cell (survey_id, court_code, case_type),
  CONSTRAINT fk_population_counts_set FOREIGN KEY (survey_id) REFERENCES population_sets (survey_id)
    ON DELETE CASCADE,
  CONSTRAINT fk_population_counts_court FOREIGN KEY (court_code) REFERENCES courts (code),
  CONSTRAINT ck_population_counts_population CHECK (population >= 0)
) ENGINE=InnoDB;
