-- Transactions (an extension): groups of commands applied all or nothing.

-- batches the catalog applied in one database transaction (ArtifactCatalog.apply), kept until
-- the registry transaction that applied them has recorded its outcome
CREATE TABLE catalog_batches (
    id          text COLLATE "C" PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- transactions from creation until they expire (TransactionStore); revision for optimistic locking
CREATE TABLE transactions (
    id          text COLLATE "C" PRIMARY KEY,
    owner       text COLLATE "C" NOT NULL,
    state       text NOT NULL,
    revision    bigint NOT NULL,
    expires_at  bigint NOT NULL,
    document    text NOT NULL
);
CREATE INDEX transactions_by_state ON transactions (state, expires_at);
CREATE INDEX transactions_by_owner ON transactions (owner, state);
