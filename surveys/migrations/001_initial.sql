-- CourtVoice schema, version 1.
-- Applied by courtvoice::surveys::mysql::Migrator, which creates schema_migrations itself
-- (version, name, applied_on) and records each file there. Statements end with ';' at a line end.
-- utf8mb4 everywhere (Kazakh, Russian, emoji); ids compare exactly (utf8mb4_bin), texts with
-- utf8mb4_unicode_520_ci, which MariaDB 10.x and MySQL 8 both have.

CREATE TABLE courts (
  code     VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  name_kk  VARCHAR(255) NOT NULL DEFAULT '',
  name_ru  VARCHAR(255) NOT NULL DEFAULT '',
  name_en  VARCHAR(255) NOT NULL DEFAULT '',
  region   VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  level    VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  active   TINYINT(1)   NOT NULL DEFAULT 1,
  PRIMARY KEY (code),
  KEY ix_courts_region (region)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE surveys (
  id        VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  audience  VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created   DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  CONSTRAINT ck_surveys_audience CHECK (audience IN ('citizen', 'staff', 'judge'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- One row per version. `definition` is the JSON of surveys::definitionToJson (all languages).
-- At most one published version per survey: the unique key over a column that is 1 only when
-- published (NULLs never collide) makes the database refuse a second one.
CREATE TABLE survey_versions (
  survey_id     VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  version       INT         NOT NULL,
  status        VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'draft',
  definition    LONGTEXT    NOT NULL,
  created_on    DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  published_on  DATETIME    NULL,
  closed_on     DATETIME    NULL,
  published_key TINYINT AS (IF(status = 'published', 1, NULL)) STORED,
  PRIMARY KEY (survey_id, version),
  UNIQUE KEY uq_survey_versions_published (survey_id, published_key),
  CONSTRAINT fk_survey_versions_survey FOREIGN KEY (survey_id) REFERENCES surveys (id),
  CONSTRAINT ck_survey_versions_status CHECK (status IN ('draft', 'published', 'closed', 'archived')),
  CONSTRAINT ck_survey_versions_version CHECK (version >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A response keeps the day only (no time, no IP, nothing about the device). `id` is 128 random
-- bits in hex, so ids say nothing about the order of arrival.
CREATE TABLE responses (
  id             CHAR(32)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  submission_id  VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  survey_id      VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  version        INT         NOT NULL,
  court_code     VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  channel        VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  language       VARCHAR(8)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  given_on       DATE        NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_responses_submission (submission_id),
  -- The summary filters: survey and days (also the order of reading), court and days.
  KEY ix_responses_survey_day (survey_id, given_on),
  KEY ix_responses_court_day (court_code, given_on),
  KEY ix_responses_version (survey_id, version),
  CONSTRAINT fk_responses_court FOREIGN KEY (court_code) REFERENCES courts (code),
  CONSTRAINT fk_responses_version FOREIGN KEY (survey_id, version) REFERENCES survey_versions (survey_id, version),
  CONSTRAINT ck_responses_channel CHECK (channel IN ('kiosk', 'web', 'paper'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Answers in long format: one row per (response, item); a multiple choice has one row per chosen
-- code (seq 0, 1, ...). Exactly one of code, number, text, non_answer is set.
CREATE TABLE answers (
  response_id  CHAR(32)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  item_id      VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  seq          SMALLINT    NOT NULL DEFAULT 0,
  code         INT         NULL,
  number       DOUBLE      NULL,
  text         TEXT        NULL,
  non_answer   VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (response_id, item_id, seq),
  CONSTRAINT fk_answers_response FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE CASCADE,
  CONSTRAINT ck_answers_non_answer CHECK (non_answer IN ('not_applicable', 'dont_know', 'no_opinion')),
  CONSTRAINT ck_answers_one_value CHECK (
    (code IS NOT NULL) + (number IS NOT NULL) + (text IS NOT NULL) + (non_answer IS NOT NULL) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
