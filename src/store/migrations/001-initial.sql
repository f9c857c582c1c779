-- Foresight store, schema 1. Library data are kept as the plain data they already are: numeric vectors as
-- little-endian float64 BLOBs, fits, specs and results as JSON text.

CREATE TABLE datasets (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  series_count  INTEGER NOT NULL,
  invalid_count INTEGER NOT NULL,
  exog_columns  TEXT NOT NULL -- JSON array of names
);

-- every unique_id of a dataset, in input order: a readable series (values) or an invalid one (reason)
CREATE TABLE dataset_series (
  dataset_id     TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  unique_id      TEXT NOT NULL,
  kind           TEXT,          -- index | date | datetime; NULL for an invalid series
  frequency      TEXT,
  season_lengths TEXT,          -- JSON array
  y              BLOB,          -- float64 values on the grid, gaps filled
  times          BLOB,          -- float64 time values of the observed rows
  exog           TEXT,          -- JSON {column: number[]} on the grid
  row_exog       TEXT,          -- JSON {column: number[]} per observed row
  filled         INTEGER,
  notes          TEXT,          -- JSON array
  invalid        TEXT,          -- JSON {reason, file, line, value} when the series could not be read
  PRIMARY KEY (dataset_id, position)
);

CREATE TABLE runs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('forecast', 'backtest', 'probabilities', 'scaling-fit')),
  dataset_id     TEXT REFERENCES datasets(id) ON DELETE SET NULL,
  spec           TEXT NOT NULL, -- JSON: the request as the library received it
  status         TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress_done  INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  started_at     TEXT,
  finished_at    TEXT,
  error          TEXT,          -- JSON {code, message}
  owner_pid      INTEGER,       -- process computing the run (to tell an interrupted run from a live one)
  source         TEXT NOT NULL  -- cli | api
);
CREATE INDEX runs_created ON runs (created_at);

-- one row per series x model of a forecast run (an unreadable series: one row per model, no values)
CREATE TABLE forecasts (
  run_id          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  model_index     INTEGER NOT NULL,
  unique_id       TEXT NOT NULL,
  model           TEXT NOT NULL,
  used            TEXT,
  ds              TEXT NOT NULL, -- JSON array of formatted time stamps
  levels          TEXT NOT NULL, -- JSON array
  mean            BLOB,
  lower           BLOB,          -- levels x horizon, level-major
  upper           BLOB,
  fit             TEXT,          -- JSON Fit, fused-member details included (fit.details)
  fallback_reason TEXT,
  invalid_reason  TEXT,
  PRIMARY KEY (run_id, position, model_index)
);

CREATE TABLE backtests (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  result TEXT NOT NULL -- JSON BacktestResult
);

CREATE TABLE event_probabilities (
  run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  unique_id   TEXT NOT NULL,
  model       TEXT NOT NULL,
  event_index INTEGER NOT NULL,
  event       TEXT NOT NULL, -- JSON description of the event
  probability REAL,
  details     TEXT,          -- JSON
  PRIMARY KEY (run_id, position, model, event_index)
);

CREATE TABLE scaling_fits (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  forms  TEXT NOT NULL, -- JSON array of the forms fitted
  fit    TEXT NOT NULL  -- JSON: estimates, replicates, criteria
);

CREATE TABLE tokens (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token; the token itself is never stored
  created_at   TEXT NOT NULL,
  last_used_at TEXT
);
