-- The registry's metadata in PostgreSQL. Documents are the versioned JSON of registry-json,
-- kept as text (they are never queried inside); the columns beside them are what queries need.
-- Identifiers and names use the "C" collation: byte order, exactly the order the core uses.

CREATE TABLE artifacts (
    id        text COLLATE "C" PRIMARY KEY,
    name      text COLLATE "C" NOT NULL,
    type      text NOT NULL CHECK (type IN ('model', 'dataset', 'code')),
    revision  bigint NOT NULL CHECK (revision >= 1),
    document  text NOT NULL
);

-- enumeration by name and by type, in id order (keyset pagination)
CREATE INDEX artifacts_by_name ON artifacts (name, id);
CREATE INDEX artifacts_by_type ON artifacts (type, id);

-- the keys that link artifacts (see ArtifactKeys): I = identity, R = reference
CREATE TABLE artifact_keys (
    kind         char(1) NOT NULL CHECK (kind IN ('I', 'R')),
    key          text COLLATE "C" NOT NULL,
    artifact_id  text COLLATE "C" NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, key, artifact_id)
);
CREATE INDEX artifact_keys_by_artifact ON artifact_keys (artifact_id);

CREATE TABLE users (
    name      text COLLATE "C" PRIMARY KEY,
    document  text NOT NULL
);

-- one row per token; uses is counted by a single conditional UPDATE, exact across servers
CREATE TABLE tokens (
    token_id    text COLLATE "C" PRIMARY KEY,
    user_name   text COLLATE "C" NOT NULL,
    user_uid    text NOT NULL,
    issued_at   bigint NOT NULL,
    expires_at  bigint NOT NULL,
    max_uses    bigint NOT NULL CHECK (max_uses >= 1),
    uses        bigint NOT NULL DEFAULT 0
);
CREATE INDEX tokens_by_user ON tokens (user_name);
CREATE INDEX tokens_by_expiry ON tokens (expires_at);

CREATE TABLE audit_entries (
    seq          bigserial PRIMARY KEY,
    artifact_id  text COLLATE "C" NOT NULL,
    document     text NOT NULL
);
CREATE INDEX audit_entries_by_artifact ON audit_entries (artifact_id, seq);

-- values every server must share, such as a generated JWT signing secret
CREATE TABLE registry_settings (
    key    text PRIMARY KEY,
    value  text NOT NULL
);
