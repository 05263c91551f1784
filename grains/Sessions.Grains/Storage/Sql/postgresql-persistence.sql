-- Session grid: the PostgreSQL schema behind Orleans ADO.NET grain persistence (Microsoft.Orleans.Persistence.AdoNet).
--
-- The same contract and conflict semantics as sqlite-persistence.sql: the provider binds @GrainIdHash, @GrainIdN0,
-- @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId (+ @GrainStateVersion,
-- @PayloadBinary) and reads PayloadBinary/Version (read), NewGrainStateVersion (write) or the first column (clear).
-- An empty write or clear result means "version conflict" and becomes InconsistentStateException, which the user
-- grain treats as a failed write: it stops answering and reloads.
--
-- Idempotent; applied after postgresql-main.sql. Re-running also updates the query texts.

-- One row per grain state. The primary key is the row identity the provider defines — (service id, state name, key)
-- — so two activations racing to insert the first state of one grain cannot both succeed (Orleans' own
-- PostgreSQL-Persistence.sql has only a non-unique index there; see docs/architecture.md#storage and
-- docs/threat-model.md, H3). The hashes are kept for diagnostics; exact columns make the key. An absent key
-- extension is stored as '' so that it can be part of the key.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainIdHash            integer      NOT NULL,
    PayloadBinary          bytea        NULL,
    Version                integer      NOT NULL,
    ModifiedOn             timestamptz  NOT NULL,
    CONSTRAINT PK_OrleansStorage
        PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $query$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '');
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Optimistic concurrency in one statement, in two exclusive branches:
--  * a non-NULL @GrainStateVersion updates the row only if it still holds exactly that version (a row lock
--    serialises concurrent writers, and PostgreSQL re-checks the version on the row it finally locks); it never
--    re-creates a missing row;
--  * a NULL @GrainStateVersion ("first write") inserts version 1. If the row exists already, or another activation
--    inserts it concurrently (the primary key makes the second insert wait for the first and then skip), nothing is
--    written.
-- Either conflict returns no row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $query$
WITH updated AS
(
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        Version = Version + 1,
        ModifiedOn = now()
    WHERE ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version
),
inserted AS
(
    INSERT INTO OrleansStorage
        (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         GrainTypeHash, GrainIdHash, PayloadBinary, Version, ModifiedOn)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''),
           @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1, now()
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT ON CONSTRAINT PK_OrleansStorage DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clearing keeps the row (payload NULL, version bumped) so the version history never restarts at 1 and a stale
-- activation's first write can never re-create state that was cleared.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $query$
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    Version = Version + 1,
    ModifiedOn = now()
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
  AND Version = CAST(@GrainStateVersion AS integer)
RETURNING Version;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO SessionGridSchema (Component, Version, AppliedOn)
VALUES ('persistence', 1, now())
ON CONFLICT (Component) DO UPDATE SET Version = EXCLUDED.Version, AppliedOn = EXCLUDED.AppliedOn;
