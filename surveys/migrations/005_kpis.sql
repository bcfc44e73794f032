-- CourtVoice schema, version 5: public-confidence KPIs and their history.
--
-- A KPI definition is a JSON document (surveys/kpi_definition.hpp, docs/api.md "KPIs"): its
-- metric, scope, baseline, milestones and target. Every save adds a row to kpi_versions and
-- points kpis at it; rows of kpi_versions are never changed, so the history says who changed a
-- target, when, and from what. `changed_by` is the name the caller gives (accounts come later).
CREATE TABLE kpis (
  id          VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version     INT          NOT NULL,
  archived    TINYINT(1)   NOT NULL DEFAULT 0,
  definition  LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_kpis_version CHECK (version >= 1)
) ENGINE=InnoDB;

CREATE TABLE kpi_versions (
  kpi_id      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version     INT          NOT NULL,
  archived    TINYINT(1)   NOT NULL DEFAULT 0,
  definition  LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  changed_by  VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL,
  changed_on  DATETIME     NOT NULL,
  note        VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT '',
  PRIMARY KEY (kpi_id, version),
  CONSTRAINT fk_kpi_versions_kpi FOREIGN KEY (kpi_id) REFERENCES kpis (id)
) ENGINE=InnoDB;
