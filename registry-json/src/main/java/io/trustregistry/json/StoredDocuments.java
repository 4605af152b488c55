package io.trustregistry.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.DownloadCheck;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.Sensitivity;
import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.FileRole;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.RepositoryInsight;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.Score;
import io.trustregistry.core.model.SizeScore;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.model.SourceReference;
import io.trustregistry.core.model.StoredBundle;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.UserAccount;

/**
 * Encodes stored records as JSON documents and back. The field names are the on-disk (and
 * in-database) format: they change only together with {@link #FORMAT}, and readers reject a
 * format they do not know rather than guess. Thread-safe.
 */
public final class StoredDocuments {

    /** Version of the document format written. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoredDocuments() {
    }

    /** Thrown when bytes are not a document this version can read. */
    public static final class UnreadableDocumentException extends RuntimeException {
        UnreadableDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---------------------------------------------------------------- artifacts

    /** The document for an artifact. */
    public static byte[] encodeArtifact(ArtifactRecord record) {
        return bytes(artifactNode(record));
    }

    private static ObjectNode artifactNode(ArtifactRecord record) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", record.id().value());
        root.put("name", record.name().value());
        root.put("type", record.type().wireName());
        root.put("source_url", record.sourceUrl());
        root.put("created_by", record.createdBy());
        root.put("created_at", record.createdAt().toString());
        root.put("updated_at", record.updatedAt().toString());
        root.put("revision", record.revision());
        root.set("evidence", evidence(record.evidence()));
        record.rating().ifPresent(r -> root.set("rating", rating(r)));
        record.bundle().ifPresent(b -> root.set("bundle", bundle(b)));
        record.sensitivity().ifPresent(v -> root.set("sensitivity", sensitivity(v)));
        return root;
    }

    private static ObjectNode sensitivity(Sensitivity sensitivity) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("marked_by", sensitivity.markedBy());
        node.put("marked_at", sensitivity.markedAt().toString());
        sensitivity.monitor().ifPresent(m -> {
            ObjectNode monitor = node.putObject("monitor");
            monitor.put("source", m.source());
            monitor.put("sha256", m.sha256());
            monitor.put("updated_by", m.updatedBy());
            monitor.put("updated_at", m.updatedAt().toString());
        });
        return node;
    }

    private static Sensitivity sensitivity(JsonNode node) {
        JsonNode monitor = node.path("monitor");
        return new Sensitivity(text(node, "marked_by"), Instant.parse(text(node, "marked_at")),
                monitor.isObject() ? Optional.of(new MonitorProgram(text(monitor, "source"), text(monitor, "sha256"),
                        text(monitor, "updated_by"), Instant.parse(text(monitor, "updated_at")))) : Optional.empty());
    }

    /** The artifact a document describes. */
    public static ArtifactRecord decodeArtifact(byte[] document) {
        return artifact(read(document));
    }

    private static ArtifactRecord artifact(JsonNode root) {
        try {
            ArtifactMetadata metadata = new ArtifactMetadata(new ArtifactName(text(root, "name")),
                    new ArtifactId(text(root, "id")), ArtifactType.fromWireName(text(root, "type")).orElseThrow());
            return new ArtifactRecord(metadata, text(root, "source_url"), evidence(root.path("evidence")),
                    text(root, "created_by"), Instant.parse(text(root, "created_at")),
                    Instant.parse(text(root, "updated_at")), root.path("revision").asLong(),
                    root.hasNonNull("rating") ? Optional.of(rating(root.path("rating"))) : Optional.empty(),
                    root.hasNonNull("bundle") ? Optional.of(bundle(root.path("bundle"))) : Optional.empty(),
                    root.hasNonNull("sensitivity") ? Optional.of(sensitivity(root.path("sensitivity"))) : Optional.empty());
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("not a valid artifact document: " + e.getMessage(), e);
        }
    }

    private static ObjectNode evidence(SourceEvidence e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", e.kind().name());
        node.put("canonical_url", e.canonicalUrl());
        e.hubId().ifPresent(v -> node.put("hub_id", v));
        node.put("suggested_name", e.suggestedName());
        node.put("readme", e.readme());
        e.license().ifPresent(v -> node.put("license", v));
        ArrayNode files = node.putArray("files");
        for (SourceFile f : e.files()) {
            ObjectNode file = files.addObject();
            file.put("path", f.path());
            file.put("size", f.size());
            f.sha256().ifPresent(v -> file.put("sha256", v));
        }
        node.put("total_size_bytes", e.totalSizeBytes());
        references(node.putArray("dataset_references"), e.datasetReferences());
        references(node.putArray("code_references"), e.codeReferences());
        ArrayNode parents = node.putArray("parents");
        for (ParentReference p : e.parents()) {
            ObjectNode parent = parents.addObject();
            parent.put("hub_id", p.hubId());
            parent.put("origin", p.origin());
            parent.put("relationship", p.relationship());
        }
        ObjectNode popularity = node.putObject("popularity");
        popularity.put("downloads", e.popularity().downloads());
        popularity.put("likes", e.popularity().likes());
        e.popularity().lastModified().ifPresent(v -> popularity.put("last_modified", v.toString()));
        ObjectNode attributes = node.putObject("attributes");
        e.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(a -> attributes.put(a.getKey(), a.getValue()));
        ArrayNode contributors = node.putArray("contributors");
        for (Contributor c : e.contributors()) {
            ObjectNode contributor = contributors.addObject();
            contributor.put("name", c.name());
            contributor.put("contributions", c.contributions());
        }
        e.repository().ifPresent(r -> node.set("repository", repository(r)));
        strings(node.putArray("degradations"), e.degradations());
        return node;
    }

    private static ObjectNode repository(RepositoryInsight r) {
        ObjectNode node = MAPPER.createObjectNode();
        strings(node.putArray("paths"), r.paths());
        node.put("tree_truncated", r.treeTruncated());
        ObjectNode languages = node.putObject("languages");
        r.languages().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(l -> languages.put(l.getKey(), l.getValue()));
        node.put("stars", r.stars());
        node.put("forks", r.forks());
        node.put("archived", r.archived());
        r.pushedAt().ifPresent(p -> node.put("pushed_at", p.toString()));
        r.reviews().ifPresent(v -> {
            ObjectNode reviews = node.putObject("reviews");
            reviews.put("merged_pull_requests", v.mergedPullRequests());
            reviews.put("reviewed_pull_requests", v.reviewedPullRequests());
            reviews.put("additions", v.additions());
            reviews.put("reviewed_additions", v.reviewedAdditions());
        });
        return node;
    }

    private static RepositoryInsight repository(JsonNode node) {
        Map<String, Long> languages = new LinkedHashMap<>();
        node.path("languages").fields().forEachRemaining(f -> languages.put(f.getKey(), f.getValue().asLong()));
        JsonNode reviews = node.path("reviews");
        Optional<ReviewSample> sample = reviews.isObject() ? Optional.of(new ReviewSample(
                reviews.path("merged_pull_requests").asInt(), reviews.path("reviewed_pull_requests").asInt(),
                reviews.path("additions").asLong(), reviews.path("reviewed_additions").asLong())) : Optional.empty();
        return new RepositoryInsight(strings(node.path("paths")), node.path("tree_truncated").asBoolean(),
                languages, node.path("stars").asLong(), node.path("forks").asLong(), node.path("archived").asBoolean(),
                optionalText(node, "pushed_at").map(Instant::parse), sample);
    }

    private static ObjectNode bundle(StoredBundle b) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("complete", b.complete());
        ArrayNode files = node.putArray("files");
        for (BundleFile f : b.files()) {
            ObjectNode file = files.addObject();
            file.put("path", f.path());
            file.put("sha256", f.digest().hex());
            file.put("size", f.size());
            file.put("crc32", f.crc32());
            file.put("role", f.role().name());
        }
        strings(node.putArray("omitted"), b.omitted());
        return node;
    }

    private static StoredBundle bundle(JsonNode node) {
        List<BundleFile> files = new ArrayList<>();
        for (JsonNode f : node.path("files")) {
            files.add(new BundleFile(text(f, "path"), new Digest(text(f, "sha256")), f.path("size").asLong(),
                    f.path("crc32").asLong(), FileRole.valueOf(text(f, "role"))));
        }
        return new StoredBundle(files, node.path("complete").asBoolean(), strings(node.path("omitted")));
    }

    private static ObjectNode rating(ModelRating r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", r.name());
        node.put("category", r.category());
        for (MetricId metric : MetricId.values()) {
            if (metric == MetricId.SIZE_SCORE) {
                ObjectNode size = node.putObject("size_score");
                size.put("raspberry_pi", r.sizeScore().raspberryPi());
                size.put("jetson_nano", r.sizeScore().jetsonNano());
                size.put("desktop_pc", r.sizeScore().desktopPc());
                size.put("aws_server", r.sizeScore().awsServer());
                size.put("latency", r.sizeScore().latencySeconds());
            } else {
                score(node, metric.wireName(), r.score(metric));
            }
        }
        node.put("computed_at", r.computedAt().toString());
        strings(node.putArray("notes"), r.notes());
        return node;
    }

    private static ModelRating rating(JsonNode node) {
        JsonNode size = node.path("size_score");
        Map<MetricId, Score> scores = new EnumMap<>(MetricId.class);
        for (MetricId metric : MetricId.values()) {
            if (metric != MetricId.SIZE_SCORE) {
                scores.put(metric, score(node, metric.wireName()));
            }
        }
        return new ModelRating(text(node, "name"), text(node, "category"), scores,
                new SizeScore(size.path("raspberry_pi").asDouble(), size.path("jetson_nano").asDouble(),
                        size.path("desktop_pc").asDouble(), size.path("aws_server").asDouble(),
                        size.path("latency").asDouble()),
                Instant.parse(text(node, "computed_at")), strings(node.path("notes")));
    }

    private static void score(ObjectNode node, String name, Score score) {
        ObjectNode value = node.putObject(name);
        value.put("value", score.value());
        value.put("latency", score.latencySeconds());
    }

    private static Score score(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isObject()) {
            throw new IllegalArgumentException("missing score '" + name + "'");
        }
        return new Score(value.path("value").asDouble(), value.path("latency").asDouble());
    }

    private static SourceEvidence evidence(JsonNode node) {
        List<SourceFile> files = new ArrayList<>();
        for (JsonNode f : node.path("files")) {
            files.add(new SourceFile(text(f, "path"), f.path("size").asLong(-1), optionalText(f, "sha256")));
        }
        List<ParentReference> parents = new ArrayList<>();
        for (JsonNode p : node.path("parents")) {
            parents.add(new ParentReference(text(p, "hub_id"), text(p, "origin"), text(p, "relationship")));
        }
        JsonNode pop = node.path("popularity");
        Map<String, String> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("attributes").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            attributes.put(field.getKey(), field.getValue().asText());
        }
        return SourceEvidence.builder(SourceKind.valueOf(text(node, "kind")), text(node, "canonical_url"),
                        text(node, "suggested_name"))
                .hubId(optionalText(node, "hub_id").orElse(null))
                .readme(node.path("readme").asText(""))
                .license(optionalText(node, "license").orElse(null))
                .files(files)
                .totalSizeBytes(node.path("total_size_bytes").asLong())
                .datasetReferences(references(node.path("dataset_references"), true))
                .codeReferences(references(node.path("code_references"), false))
                .parents(parents)
                .popularity(new Popularity(pop.path("downloads").asLong(-1), pop.path("likes").asLong(-1),
                        optionalText(pop, "last_modified").map(Instant::parse)))
                .attributes(attributes)
                .contributors(contributors(node.path("contributors")))
                .repository(node.path("repository").isObject() ? repository(node.path("repository")) : null)
                .degradations(strings(node.path("degradations")))
                .build();
    }

    /** Each reference as {@code {"hub": "huggingface|github|kaggle|web", ...}}. */
    private static void references(ArrayNode array, List<SourceReference> references) {
        for (SourceReference reference : references) {
            ObjectNode node = array.addObject();
            switch (reference) {
                case SourceReference.HuggingFace hf -> {
                    node.put("hub", "huggingface");
                    node.put("kind", hf.dataset() ? "dataset" : "model");
                    node.put("id", hf.repoId());
                }
                case SourceReference.GitHub gh -> {
                    node.put("hub", "github");
                    node.put("owner", gh.owner());
                    node.put("repo", gh.repo());
                }
                case SourceReference.Kaggle kaggle -> {
                    node.put("hub", "kaggle");
                    node.put("owner", kaggle.owner());
                    node.put("slug", kaggle.slug());
                }
                case SourceReference.Web web -> {
                    node.put("hub", "web");
                    node.put("url", web.url());
                }
            }
        }
    }

    private static List<SourceReference> references(JsonNode array, boolean datasets) {
        List<SourceReference> references = new ArrayList<>();
        for (JsonNode node : array) {
            if (node.isTextual()) {
                LegacyReferences.of(node.asText(), datasets).ifPresent(references::add);
                continue;
            }
            references.add(switch (text(node, "hub")) {
                case "huggingface" -> new SourceReference.HuggingFace(text(node, "kind").equals("dataset"),
                        text(node, "id"));
                case "github" -> new SourceReference.GitHub(text(node, "owner"), text(node, "repo"));
                case "kaggle" -> new SourceReference.Kaggle(text(node, "owner"), text(node, "slug"));
                case "web" -> new SourceReference.Web(text(node, "url"));
                default -> throw new UnreadableDocumentException("unknown reference hub '" + text(node, "hub") + "'",
                        null);
            });
        }
        return references;
    }

    private static List<Contributor> contributors(JsonNode array) {
        List<Contributor> contributors = new ArrayList<>();
        array.forEach(c -> contributors.add(new Contributor(text(c, "name"), c.path("contributions").asLong())));
        return contributors;
    }

    // ---------------------------------------------------------------- users

    /** The document for a user. */
    public static byte[] encodeUser(UserAccount user) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", user.name());
        root.put("uid", user.uid());
        root.put("admin", user.admin());
        strings(root.putArray("permissions"), user.permissions().stream().map(Permission::wireName).sorted().toList());
        strings(root.putArray("password_hashes"), user.passwordHashes());
        root.put("created_at", user.createdAt().toString());
        return bytes(root);
    }

    /** The user a document describes. */
    public static UserAccount decodeUser(byte[] document) {
        JsonNode root = read(document);
        try {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String p : strings(root.path("permissions"))) {
                permissions.add(Permission.fromWireName(p).orElseThrow());
            }
            return new UserAccount(text(root, "name"), text(root, "uid"), root.path("admin").asBoolean(),
                    permissions, strings(root.path("password_hashes")), Instant.parse(text(root, "created_at")));
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("not a valid user document: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- tokens

    /** The document for a token and the number of uses reserved for it. */
    public static byte[] encodeToken(TokenRecord token, long usesReserved) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("token_id", token.tokenId());
        root.put("user_name", token.userName());
        root.put("user_uid", token.userUid());
        root.put("issued_at", token.issuedAt().toString());
        root.put("expires_at", token.expiresAt().toString());
        root.put("max_uses", token.maxUses());
        root.put("uses_reserved", usesReserved);
        return bytes(root);
    }

    /** A token and its reserved use count. */
    public record StoredToken(TokenRecord token, long usesReserved) {
    }

    /** The token a document describes. */
    public static StoredToken decodeToken(byte[] document) {
        JsonNode root = read(document);
        try {
            TokenRecord token = new TokenRecord(text(root, "token_id"), text(root, "user_name"),
                    text(root, "user_uid"), Instant.parse(text(root, "issued_at")),
                    Instant.parse(text(root, "expires_at")), root.path("max_uses").asLong());
            return new StoredToken(token, root.path("uses_reserved").asLong());
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("not a valid token document: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- audit

    /** One audit entry as a single line of JSON (no line breaks inside). */
    public static byte[] encodeAuditEntry(AuditEntry entry) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("user", entry.userName());
        root.put("admin", entry.userIsAdmin());
        root.put("date", entry.date().toString());
        root.put("artifact_id", entry.artifact().id().value());
        root.put("artifact_name", entry.artifact().name().value());
        root.put("artifact_type", entry.artifact().type().wireName());
        root.put("action", entry.action().name());
        entry.note().ifPresent(v -> root.put("note", v));
        entry.check().ifPresent(c -> {
            ObjectNode check = root.putObject("check");
            check.put("outcome", c.outcome().wireName());
            check.put("request", c.request());
            c.exitCode().ifPresent(v -> check.put("exit_code", v));
            check.put("reason", c.reason());
            check.put("output", c.output());
        });
        return bytes(root);
    }

    /** The audit entry a line describes. */
    public static AuditEntry decodeAuditEntry(byte[] line) {
        JsonNode root = read(line);
        try {
            ArtifactMetadata artifact = new ArtifactMetadata(new ArtifactName(text(root, "artifact_name")),
                    new ArtifactId(text(root, "artifact_id")),
                    ArtifactType.fromWireName(text(root, "artifact_type")).orElseThrow());
            JsonNode check = root.path("check");
            return new AuditEntry(text(root, "user"), root.path("admin").asBoolean(), Instant.parse(text(root, "date")),
                    artifact, AuditAction.valueOf(text(root, "action")),
                    root.hasNonNull("note") ? Optional.of(text(root, "note")) : Optional.empty(),
                    check.isObject() ? Optional.of(new DownloadCheck(
                            DownloadCheck.Outcome.fromWireName(text(check, "outcome")).orElseThrow(),
                            text(check, "request"),
                            check.hasNonNull("exit_code") ? Optional.of(check.path("exit_code").asInt()) : Optional.empty(),
                            text(check, "reason"), text(check, "output"))) : Optional.empty());
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("not a valid audit entry: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- catalog batches

    /**
     * A catalog batch's journal: its changes while it is being applied, then only the fact that
     * it was ({@link #APPLIED}).
     *
     * @param applied whether every change has reached the artifacts' own documents
     * @param changes the changes, while not applied; empty once applied
     */
    public record Batch(boolean applied, List<CatalogChange> changes) {
        /** The marker a finished batch leaves. */
        public static final Batch APPLIED = new Batch(true, List.of());

        public Batch {
            changes = List.copyOf(changes);
        }
    }

    /** The journal document of a batch. */
    public static byte[] encodeBatch(Batch batch) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("applied", batch.applied());
        ArrayNode changes = root.putArray("changes");
        for (CatalogChange change : batch.changes()) {
            ObjectNode node = changes.addObject();
            switch (change) {
                case CatalogChange.Insert insert -> node.put("op", "insert").set("record", artifactNode(insert.record()));
                case CatalogChange.Replace replace -> node.put("op", "replace")
                        .put("expected_revision", replace.expectedRevision()).set("record", artifactNode(replace.record()));
                case CatalogChange.Remove remove -> node.put("op", "remove").put("id", remove.id().value())
                        .put("expected_revision", remove.expectedRevision());
                case CatalogChange.Unchanged unchanged -> node.put("op", "unchanged").put("id", unchanged.id().value())
                        .put("expected_revision", unchanged.expectedRevision());
            }
        }
        return bytes(root);
    }

    /** The batch a journal document describes. */
    public static Batch decodeBatch(byte[] document) {
        JsonNode root = read(document);
        try {
            List<CatalogChange> changes = new ArrayList<>();
            for (JsonNode node : root.path("changes")) {
                long expected = node.path("expected_revision").asLong();
                changes.add(switch (text(node, "op")) {
                    case "insert" -> new CatalogChange.Insert(artifact(node.path("record")));
                    case "replace" -> new CatalogChange.Replace(artifact(node.path("record")), expected);
                    case "remove" -> new CatalogChange.Remove(new ArtifactId(text(node, "id")), expected);
                    case "unchanged" -> new CatalogChange.Unchanged(new ArtifactId(text(node, "id")), expected);
                    default -> throw new IllegalArgumentException("unknown batch step '" + text(node, "op") + "'");
                });
            }
            return new Batch(root.path("applied").asBoolean(false), changes);
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("not a valid batch journal: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- transactions

    /** The document for a transaction. */
    public static byte[] encodeTransaction(TransactionRecord t) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", t.id().value());
        root.put("owner", t.owner());
        root.put("created_at", t.createdAt().toString());
        root.put("expires_at", t.expiresAt().toString());
        root.put("state", t.state().wireName());
        root.put("revision", t.revision());
        t.leaseUntil().ifPresent(l -> root.put("lease_until", l.toString()));
        ArrayNode commands = root.putArray("commands");
        for (TransactionCommand command : t.commands()) {
            ObjectNode node = commands.addObject();
            node.put("action", command.action());
            node.put("type", command.type().wireName());
            switch (command) {
                case TransactionCommand.Register r -> {
                    node.put("url", r.url());
                    r.name().ifPresent(n -> node.put("name", n));
                }
                case TransactionCommand.Update u -> node.put("id", u.id().value()).put("url", u.url());
                case TransactionCommand.Delete d -> node.put("id", d.id().value());
                case TransactionCommand.Download w -> node.put("id", w.id().value());
            }
        }
        ArrayNode results = root.putArray("results");
        for (TransactionRecord.CommandResult r : t.results()) {
            results.addObject().put("index", r.index()).put("action", r.action()).put("id", r.artifact().id().value())
                    .put("name", r.artifact().name().value()).put("type", r.artifact().type().wireName())
                    .put("revision", r.revision()).put("content", r.content());
        }
        t.failure().ifPresent(f -> {
            ObjectNode node = root.putObject("failure");
            f.command().ifPresent(c -> node.put("command", c));
            node.put("reason", f.reason());
        });
        return bytes(root);
    }

    /** The transaction a document describes. */
    public static TransactionRecord decodeTransaction(byte[] document) {
        JsonNode root = read(document);
        try {
            List<TransactionCommand> commands = new ArrayList<>();
            for (JsonNode node : root.path("commands")) {
                ArtifactType type = ArtifactType.fromWireName(text(node, "type")).orElseThrow();
                commands.add(switch (text(node, "action")) {
                    case "register" -> new TransactionCommand.Register(type, text(node, "url"), optionalText(node, "name"));
                    case "update" -> new TransactionCommand.Update(type, new ArtifactId(text(node, "id")),
                            text(node, "url"));
                    case "delete" -> new TransactionCommand.Delete(type, new ArtifactId(text(node, "id")));
                    case "download" -> new TransactionCommand.Download(type, new ArtifactId(text(node, "id")));
                    default -> throw new IllegalArgumentException("unknown command '" + text(node, "action") + "'");
                });
            }
            List<TransactionRecord.CommandResult> results = new ArrayList<>();
            for (JsonNode node : root.path("results")) {
                results.add(new TransactionRecord.CommandResult(node.path("index").asInt(), text(node, "action"),
                        new ArtifactMetadata(new ArtifactName(text(node, "name")), new ArtifactId(text(node, "id")),
                                ArtifactType.fromWireName(text(node, "type")).orElseThrow()),
                        node.path("revision").asLong(), node.path("content").asText("")));
            }
            JsonNode failure = root.path("failure");
            return new TransactionRecord(new TransactionId(text(root, "id")), text(root, "owner"),
                    Instant.parse(text(root, "created_at")), Instant.parse(text(root, "expires_at")),
                    TransactionRecord.State.valueOf(text(root, "state").toUpperCase(java.util.Locale.ROOT)), commands,
                    root.path("revision").asLong(), optionalText(root, "lease_until").map(Instant::parse), results,
                    failure.isObject() ? Optional.of(new TransactionRecord.Failure(failure.hasNonNull("command")
                            ? Optional.of(failure.path("command").asInt()) : Optional.empty(), text(failure, "reason")))
                            : Optional.empty());
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("not a valid transaction document: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode read(byte[] document) {
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (IOException e) {
            throw new UnreadableDocumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableDocumentException("not a JSON object", null);
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new UnreadableDocumentException("unsupported document format " + format + " (this build reads "
                    + FORMAT + ")", null);
        }
        return root;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
