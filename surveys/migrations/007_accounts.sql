-- CourtVoice schema, version 7: accounts with roles and scopes, their page sessions and their API
-- tokens (docs/api.md, "Accounts and sign-in").
--
-- Nothing secret is stored in the clear: passwords as PBKDF2 strings, session ids and API tokens
-- as SHA-256 hex of the random value (the value itself exists only in the browser's cookie or
-- the automation's configuration). Times are Unix seconds (UTC). A scope is "country" or
-- comma-separated region and/or court codes.
CREATE TABLE accounts (
  name           VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  role           VARCHAR(20)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  scope_regions  VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  scope_courts   VARCHAR(4000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  password_hash  VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at     BIGINT       NOT NULL,
  disabled       TINYINT(1)   NOT NULL DEFAULT 0,
  PRIMARY KEY (name),
  CONSTRAINT ck_accounts_role CHECK (role IN ('administrator', 'analyst', 'court_manager', 'viewer'))
) ENGINE=InnoDB;

CREATE TABLE account_sessions (
  id_hash        CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  account        VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  csrf_token     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at     BIGINT       NOT NULL,
  last_seen_at   BIGINT       NOT NULL,
  expires_at     BIGINT       NOT NULL,
  PRIMARY KEY (id_hash),
  KEY ix_account_sessions_account (account),
  CONSTRAINT fk_account_sessions_account FOREIGN KEY (account) REFERENCES accounts (name) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE api_tokens (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  token_hash     CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  account        VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  label          VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL,
  scope_regions  VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  scope_courts   VARCHAR(4000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  created_at     BIGINT       NOT NULL,
  expires_at     BIGINT       NOT NULL,
  revoked        TINYINT(1)   NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  KEY ix_api_tokens_account (account),
  CONSTRAINT fk_api_tokens_account FOREIGN KEY (account) REFERENCES accounts (name)
) ENGINE=InnoDB;
