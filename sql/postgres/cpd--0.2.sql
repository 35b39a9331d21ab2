-- cpd--0.2.sql - the functions of the extension cpd, version 0.2
-- (docs/SQL.md).  Loaded by CREATE EXTENSION cpd; not to be run by hand.
\echo Use "CREATE EXTENSION cpd" to load this file. \quit

-- Every function is IMMUTABLE (the same arguments give the same result:
-- there is no clock, cpd_plan's day is an argument), STRICT (a NULL
-- argument gives NULL) and PARALLEL SAFE (nothing is shared between
-- calls but a per-call-site cache in the backend), so a query over a
-- table of applications runs in parallel workers.  COST 1000: a check
-- takes on the order of 100 microseconds, about a thousand operators.
--
-- The application is jsonb, json or text; a policy is jsonb.  json and
-- text reach the library as written; jsonb as its text form (doc::text),
-- so a duplicate key is already gone and byte offsets count in doc::text.

-- The result document, as `cpd check` writes it (docs/JSON.md).
CREATE FUNCTION cpd_check(doc jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_check_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_check(jsonb) IS
  'The result document of the application (docs/JSON.md), as cpd check writes it; 22P02 for an input error.';

CREATE FUNCTION cpd_check(doc jsonb, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_check_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_check(jsonb, jsonb) IS
  'The result document of the application (docs/JSON.md), as cpd check writes it; 22P02 for an input error.';

CREATE FUNCTION cpd_check(doc json)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_check_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_check(json) IS
  'The result document of the application (docs/JSON.md), as cpd check writes it; 22P02 for an input error.';

CREATE FUNCTION cpd_check(doc json, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_check_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_check(json, jsonb) IS
  'The result document of the application (docs/JSON.md), as cpd check writes it; 22P02 for an input error.';

CREATE FUNCTION cpd_check(doc text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_check_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_check(text) IS
  'The result document of the application (docs/JSON.md), as cpd check writes it; 22P02 for an input error.';

CREATE FUNCTION cpd_check(doc text, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_check_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_check(text, jsonb) IS
  'The result document of the application (docs/JSON.md), as cpd check writes it; 22P02 for an input error.';

-- eligible | incomplete | ineligible
CREATE FUNCTION cpd_decision(doc jsonb)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_decision_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_decision(jsonb) IS
  'The decision: eligible, incomplete or ineligible; 22P02 for an input error.';

CREATE FUNCTION cpd_decision(doc jsonb, policy jsonb)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_decision_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_decision(jsonb, jsonb) IS
  'The decision: eligible, incomplete or ineligible; 22P02 for an input error.';

CREATE FUNCTION cpd_decision(doc json)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_decision_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_decision(json) IS
  'The decision: eligible, incomplete or ineligible; 22P02 for an input error.';

CREATE FUNCTION cpd_decision(doc json, policy jsonb)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_decision_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_decision(json, jsonb) IS
  'The decision: eligible, incomplete or ineligible; 22P02 for an input error.';

CREATE FUNCTION cpd_decision(doc text)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_decision_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_decision(text) IS
  'The decision: eligible, incomplete or ineligible; 22P02 for an input error.';

CREATE FUNCTION cpd_decision(doc text, policy jsonb)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_decision_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_decision(text, jsonb) IS
  'The decision: eligible, incomplete or ineligible; 22P02 for an input error.';

-- The points counted, exactly (never through a float).
CREATE FUNCTION cpd_counted(doc jsonb)
RETURNS numeric
AS 'MODULE_PATHNAME', 'cpd_pg_counted_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_counted(jsonb) IS
  'The points counted (exact numeric); 22P02 for an input error.';

CREATE FUNCTION cpd_counted(doc jsonb, policy jsonb)
RETURNS numeric
AS 'MODULE_PATHNAME', 'cpd_pg_counted_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_counted(jsonb, jsonb) IS
  'The points counted (exact numeric); 22P02 for an input error.';

CREATE FUNCTION cpd_counted(doc json)
RETURNS numeric
AS 'MODULE_PATHNAME', 'cpd_pg_counted_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_counted(json) IS
  'The points counted (exact numeric); 22P02 for an input error.';

CREATE FUNCTION cpd_counted(doc json, policy jsonb)
RETURNS numeric
AS 'MODULE_PATHNAME', 'cpd_pg_counted_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_counted(json, jsonb) IS
  'The points counted (exact numeric); 22P02 for an input error.';

CREATE FUNCTION cpd_counted(doc text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'cpd_pg_counted_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_counted(text) IS
  'The points counted (exact numeric); 22P02 for an input error.';

CREATE FUNCTION cpd_counted(doc text, policy jsonb)
RETURNS numeric
AS 'MODULE_PATHNAME', 'cpd_pg_counted_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_counted(text, jsonb) IS
  'The points counted (exact numeric); 22P02 for an input error.';

-- The error document {"error": {...}} of an application that cannot be
-- evaluated, NULL for one that can: filter bad rows without an error.
CREATE FUNCTION cpd_input_error(doc jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_input_error_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_input_error(jsonb) IS
  'The error document of an application that cannot be evaluated, or NULL when it can.';

CREATE FUNCTION cpd_input_error(doc jsonb, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_input_error_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_input_error(jsonb, jsonb) IS
  'The error document of an application that cannot be evaluated, or NULL when it can.';

CREATE FUNCTION cpd_input_error(doc json)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_input_error_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_input_error(json) IS
  'The error document of an application that cannot be evaluated, or NULL when it can.';

CREATE FUNCTION cpd_input_error(doc json, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_input_error_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_input_error(json, jsonb) IS
  'The error document of an application that cannot be evaluated, or NULL when it can.';

CREATE FUNCTION cpd_input_error(doc text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_input_error_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_input_error(text) IS
  'The error document of an application that cannot be evaluated, or NULL when it can.';

CREATE FUNCTION cpd_input_error(doc text, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_input_error_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_input_error(text, jsonb) IS
  'The error document of an application that cannot be evaluated, or NULL when it can.';

-- The plan of an application in progress as of a day (docs/PLAN.md).
CREATE FUNCTION cpd_plan(doc jsonb, as_of date)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_plan_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_plan(jsonb, date) IS
  'The plan document (docs/PLAN.md) of an application in progress as of a day, as cpd plan --as-of writes it.';

CREATE FUNCTION cpd_plan(doc jsonb, as_of date, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_plan_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_plan(jsonb, date, jsonb) IS
  'The plan document (docs/PLAN.md) of an application in progress as of a day, as cpd plan --as-of writes it.';

CREATE FUNCTION cpd_plan(doc json, as_of date)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_plan_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_plan(json, date) IS
  'The plan document (docs/PLAN.md) of an application in progress as of a day, as cpd plan --as-of writes it.';

CREATE FUNCTION cpd_plan(doc json, as_of date, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_plan_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_plan(json, date, jsonb) IS
  'The plan document (docs/PLAN.md) of an application in progress as of a day, as cpd plan --as-of writes it.';

CREATE FUNCTION cpd_plan(doc text, as_of date)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_plan_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_plan(text, date) IS
  'The plan document (docs/PLAN.md) of an application in progress as of a day, as cpd plan --as-of writes it.';

CREATE FUNCTION cpd_plan(doc text, as_of date, policy jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_plan_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_plan(text, date, jsonb) IS
  'The plan document (docs/PLAN.md) of an application in progress as of a day, as cpd plan --as-of writes it.';

-- The application with personal data masked, in the type it came in.
CREATE FUNCTION cpd_redact(doc jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpd_pg_redact_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_redact(jsonb) IS
  'The application with personal data masked (initials, prefecture, ...), as cpd redact writes it.';

CREATE FUNCTION cpd_redact(doc json)
RETURNS json
AS 'MODULE_PATHNAME', 'cpd_pg_redact_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_redact(json) IS
  'The application with personal data masked (initials, prefecture, ...), as cpd redact writes it.';

CREATE FUNCTION cpd_redact(doc text)
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_redact_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION cpd_redact(text) IS
  'The application with personal data masked (initials, prefecture, ...), as cpd redact writes it.';

-- One row per diagnostic of the result.  index is a keyword of SQL
-- (usable as a column name in PostgreSQL).
CREATE FUNCTION cpd_diagnostics(doc jsonb)
RETURNS TABLE("index" integer, code text, severity text, rule text, path text,
        message_en text, message_ja text, activity integer)
AS 'MODULE_PATHNAME', 'cpd_pg_diagnostics_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000
ROWS 10;
COMMENT ON FUNCTION cpd_diagnostics(jsonb) IS
  'One row per diagnostic: index, code, severity, rule (R1-R16), path (JSON Pointer), message_en, message_ja, activity (index, or NULL).';

CREATE FUNCTION cpd_diagnostics(doc jsonb, policy jsonb)
RETURNS TABLE("index" integer, code text, severity text, rule text, path text,
        message_en text, message_ja text, activity integer)
AS 'MODULE_PATHNAME', 'cpd_pg_diagnostics_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000
ROWS 10;
COMMENT ON FUNCTION cpd_diagnostics(jsonb, jsonb) IS
  'One row per diagnostic: index, code, severity, rule (R1-R16), path (JSON Pointer), message_en, message_ja, activity (index, or NULL).';

CREATE FUNCTION cpd_diagnostics(doc json)
RETURNS TABLE("index" integer, code text, severity text, rule text, path text,
        message_en text, message_ja text, activity integer)
AS 'MODULE_PATHNAME', 'cpd_pg_diagnostics_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000
ROWS 10;
COMMENT ON FUNCTION cpd_diagnostics(json) IS
  'One row per diagnostic: index, code, severity, rule (R1-R16), path (JSON Pointer), message_en, message_ja, activity (index, or NULL).';

CREATE FUNCTION cpd_diagnostics(doc json, policy jsonb)
RETURNS TABLE("index" integer, code text, severity text, rule text, path text,
        message_en text, message_ja text, activity integer)
AS 'MODULE_PATHNAME', 'cpd_pg_diagnostics_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000
ROWS 10;
COMMENT ON FUNCTION cpd_diagnostics(json, jsonb) IS
  'One row per diagnostic: index, code, severity, rule (R1-R16), path (JSON Pointer), message_en, message_ja, activity (index, or NULL).';

CREATE FUNCTION cpd_diagnostics(doc text)
RETURNS TABLE("index" integer, code text, severity text, rule text, path text,
        message_en text, message_ja text, activity integer)
AS 'MODULE_PATHNAME', 'cpd_pg_diagnostics_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000
ROWS 10;
COMMENT ON FUNCTION cpd_diagnostics(text) IS
  'One row per diagnostic: index, code, severity, rule (R1-R16), path (JSON Pointer), message_en, message_ja, activity (index, or NULL).';

CREATE FUNCTION cpd_diagnostics(doc text, policy jsonb)
RETURNS TABLE("index" integer, code text, severity text, rule text, path text,
        message_en text, message_ja text, activity integer)
AS 'MODULE_PATHNAME', 'cpd_pg_diagnostics_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000
ROWS 10;
COMMENT ON FUNCTION cpd_diagnostics(text, jsonb) IS
  'One row per diagnostic: index, code, severity, rule (R1-R16), path (JSON Pointer), message_en, message_ja, activity (index, or NULL).';

-- The version of libcpd the extension runs.
CREATE FUNCTION cpd_version()
RETURNS text
AS 'MODULE_PATHNAME', 'cpd_pg_version'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION cpd_version() IS 'The version of libcpd the extension runs.';
