-- CourtVoice schema, version 3: responses numbered in commit order, change stamps, answers
-- stored in order of arrival.

-- Counters taken inside storing transactions. Row 'responses' holds the newest sequence number
-- given out. A storing transaction takes its range with
--   UPDATE sequences SET value = LAST_INSERT_ID(value + k) WHERE name = 'responses'
-- and keeps the row locked until it commits, so storing transactions commit one after the other
-- in the order of their numbers: a reader that has seen N never later finds a new response
-- numbered N or less. AUTO_INCREMENT cannot promise that (one transaction takes 10, another 11
-- and commits first). A transaction that rolls back puts its numbers back, so there are no gaps.
CREATE TABLE sequences (
  name   VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value  BIGINT      NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;

-- One number per kind of cached data, incremented in the transaction of every change to it, so
-- that a process compares one row with what it cached instead of re-reading the data.
CREATE TABLE change_stamps (
  name   VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value  BIGINT      NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;
INSERT INTO change_stamps (name, value) VALUES ('surveys', 1), ('courts', 1);

-- Existing responses are numbered by (day, id): there is no record of the order they arrived in.
ALTER TABLE responses ADD COLUMN seq BIGINT NULL;
SET @next_seq := 0;
UPDATE responses SET seq = (@next_seq := @next_seq + 1) ORDER BY given_on, id;
ALTER TABLE responses
  MODIFY COLUMN seq BIGINT NOT NULL,
  ADD UNIQUE KEY uq_responses_seq (seq);
INSERT INTO sequences (name, value) SELECT 'responses', COALESCE(MAX(seq), 0) FROM responses;

-- Answers clustered by the response's sequence number instead of its random id: new rows go to
-- the end of the B-tree instead of random pages (see docs/engineering-notes.md for the
-- measurements), and the answers of a run of responses are one range (readAfter). response_id
-- stays, without an index, so rows still name their response for exports and ad-hoc queries.
-- Deleting a response still deletes its answers (the foreign key follows seq).
CREATE TABLE answers_by_seq (
  response_seq BIGINT      NOT NULL,
  response_id  CHAR(32)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  item_id      VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  seq          SMALLINT    NOT NULL DEFAULT 0,
  code         INT         NULL,
  number       DOUBLE      NULL,
  text         TEXT        NULL,
  non_answer   VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (response_seq, item_id, seq),
  CONSTRAINT fk_answers_response_seq FOREIGN KEY (response_seq) REFERENCES responses (seq) ON DELETE CASCADE,
  CONSTRAINT ck_answers_non_answer CHECK (non_answer IN ('not_applicable', 'dont_know', 'no_opinion')),
  CONSTRAINT ck_answers_one_value CHECK (
    (code IS NOT NULL) + (number IS NOT NULL) + (text IS NOT NULL) + (non_answer IS NOT NULL) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
INSERT INTO answers_by_seq (response_seq, response_id, item_id, seq, code, number, text, non_answer)
  SELECT r.seq, a.response_id, a.item_id, a.seq, a.code, a.number, a.text, a.non_answer
  FROM answers a JOIN responses r ON r.id = a.response_id
  ORDER BY r.seq, a.item_id, a.seq;
DROP TABLE answers;
RENAME TABLE answers_by_seq TO answers;

-- Responses clustered by seq as well, for the same two reasons: new rows append instead of
-- landing on random pages, and a page of readAfter is one range instead of a lookup by random
-- id per response. The id stays unique (it is what the API returns); no key references it now.
ALTER TABLE responses
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (seq),
  ADD UNIQUE KEY uq_responses_id (id);
ALTER TABLE responses DROP KEY uq_responses_seq;
