CREATE TABLE sequences (name VARCHAR(32) NOT NULL PRIMARY KEY, value BIGINT NOT NULL) ENGINE=InnoDB;
INSERT INTO sequences VALUES ('responses', 0);
CREATE TABLE responses (
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  submission_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  survey_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  version INT NOT NULL, court_code VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  channel VARCHAR(16) NOT NULL, language VARCHAR(8) NOT NULL, given_on DATE NOT NULL, seq BIGINT NOT NULL,
  PRIMARY KEY (id), UNIQUE KEY uq_submission (submission_id), UNIQUE KEY uq_seq (seq),
  KEY ix_survey_day (survey_id, given_on), KEY ix_court_day (court_code, given_on), KEY ix_version (survey_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
