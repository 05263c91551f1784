-- Session grid: the SQLite schema behind Orleans ADO.NET grain persistence (Microsoft.Orleans.Persistence.AdoNet).
--
-- Written for this project against the provider's query contract (dotnet/orleans: AdoNetGrainStorage; see
-- docs/architecture.md#storage): the provider reads the texts of ReadFromStorageKey, WriteToStorageKey and
-- ClearStorageKey from OrleansQuery once at start, binds @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
-- @GrainTypeString, @GrainIdExtensionString, @ServiceId (+ @GrainStateVersion, @PayloadBinary), and reads the columns
-- PayloadBinary/Version (read) and NewGrainStateVersion (write). An empty write result means "version conflict".
--
-- Idempotent: every statement may run again on an existing database (the silo applies this at every start,
-- inside one IMMEDIATE transaction, so concurrent starts serialise). Re-running also updates the query texts.

CREATE TABLE IF NOT EXISTS SessionGridSchema
(
    Component TEXT    NOT NULL PRIMARY KEY,
    Version   INTEGER NOT NULL,
    AppliedOn TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per grain state. The primary key is the row identity the provider defines — (service id, state name,
-- key) — so two activations racing to insert the first state of one grain cannot both succeed. The hashes the
-- provider computes are kept for diagnostics only; exact columns make the key, not hashes.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              TEXT    NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainIdExtensionString TEXT    NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainIdHash            INTEGER NOT NULL,
    PayloadBinary          BLOB    NULL,
    Version                INTEGER NOT NULL,
    ModifiedOn             TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
) WITHOUT ROWID;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''');')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Optimistic concurrency in one statement. A NULL @GrainStateVersion means "first write": insert version 1,
-- or, if a row exists already, change nothing (another activation won). A non-NULL version updates the row
-- only if it still holds exactly that version; it never re-creates a missing row. Either way a conflict
-- returns no row, which the provider turns into InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO OrleansStorage
    (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
     GrainTypeHash, GrainIdHash, PayloadBinary, Version, ModifiedOn)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
       @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM OrleansStorage
              WHERE ServiceId = @ServiceId
                AND GrainTypeString = @GrainTypeString
                AND GrainIdN0 = @GrainIdN0
                AND GrainIdN1 = @GrainIdN1
                AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
                AND Version = @GrainStateVersion)
ON CONFLICT (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString) DO UPDATE
    SET PayloadBinary = excluded.PayloadBinary,
        Version = OrleansStorage.Version + 1,
        ModifiedOn = excluded.ModifiedOn
    WHERE OrleansStorage.Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clearing keeps the row (payload NULL, version bumped) so the version history never restarts at 1.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    Version = Version + 1,
    ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO SessionGridSchema (Component, Version, AppliedOn)
VALUES ('persistence', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
ON CONFLICT (Component) DO UPDATE SET Version = excluded.Version, AppliedOn = excluded.AppliedOn;
