-- CourtVoice schema, version 8: the audit trail (docs/api.md "Audit").
--
-- Append-only: one row per administrative request (every /api/v1/admin/ route, reads included)
-- and per login, logout or failed login. Each row carries the SHA-256 of its canonical form
-- (surveys/audit_log.hpp), which includes the hash of the row before, so an edited, removed or
-- moved row breaks the chain (`courtvoice-admin verify-audit`). The sequence is assigned by the
-- application from audit_head, never AUTO_INCREMENT (whose gaps would look like removals).
CREATE TABLE audit_entries (
  sequence      BIGINT       NOT NULL,
  at            DATETIME     NOT NULL,
  account       VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  role          VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  via           VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  action        VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  parameters    TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  scope         TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  status        SMALLINT     NOT NULL,
  error_code    VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  previous_hash CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  hash          CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (sequence),
  KEY ix_audit_account (account, sequence),
  KEY ix_audit_at (at),
  KEY ix_audit_hash (hash)
) ENGINE=InnoDB;

-- One row: the last entry appended. An append locks it (SELECT ... FOR UPDATE) in the same
-- transaction as the insert, so appends from every thread and every server process on this
-- database are serialised and the chain stays linear.
CREATE TABLE audit_head (
  id        TINYINT  NOT NULL,
  sequence  BIGINT   NOT NULL,
  hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_audit_head_one_row CHECK (id = 1)
) ENGINE=InnoDB;

INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, REPEAT('0', 64));
