-- Session grid: the tables every PostgreSQL component script relies on.
--
-- Written for this project (see docs/architecture.md#storage). Orleans' ADO.NET providers read their query
-- texts from OrleansQuery(QueryKey, QueryText) once at start; SessionGridSchema records which version of each of our
-- component scripts is in place. Idempotent: the silo applies it at every start, inside one transaction that holds
-- a transaction-level advisory lock, so silos starting together apply it one at a time.

CREATE TABLE IF NOT EXISTS SessionGridSchema
(
    Component varchar(64) NOT NULL PRIMARY KEY,
    Version   integer     NOT NULL,
    AppliedOn timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
