package io.trustregistry.app.http;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.DownloadCheck;
import io.trustregistry.core.model.CostEntry;
import io.trustregistry.core.model.CostReport;
import io.trustregistry.core.model.LineageEdge;
import io.trustregistry.core.model.LineageGraph;
import io.trustregistry.core.model.LineageNode;
import io.trustregistry.core.model.UserAccount;

/** The contract's JSON shapes, built from domain records. Field names are the contract's. */
final class ResponseShapes {

    static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    private ResponseShapes() {
    }

    static Map<String, Object> metadata(ArtifactMetadata m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", m.name().value());
        json.put("id", m.id().value());
        json.put("type", m.type().wireName());
        return json;
    }

    static List<Map<String, Object>> metadata(List<ArtifactMetadata> items) {
        return items.stream().map(ResponseShapes::metadata).toList();
    }

    /** The {@code Artifact} envelope: metadata and data (source URL and our download URL). */
    static Map<String, Object> envelope(ArtifactRecord record, String baseUrl) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", record.sourceUrl());
        data.put("download_url", downloadUrl(record.metadata(), baseUrl));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metadata", metadata(record.metadata()));
        json.put("data", data);
        return json;
    }

    /**
     * The envelope a registration or update answers with: the contract's, plus (an extension,
     * only when something is missing) {@code ingest}: which evidence the upstream withheld (a
     * gated repository's README, a failed call) and which files were not stored, so a client
     * learns why a rating is low or a download is partial.
     */
    static Map<String, Object> ingestEnvelope(ArtifactRecord record, String baseUrl) {
        Map<String, Object> json = envelope(record, baseUrl);
        List<String> missing = record.evidence().degradations();
        List<String> notStored = record.bundle().map(b -> b.omitted()).orElse(List.of());
        if (!missing.isEmpty() || !notStored.isEmpty()) {
            Map<String, Object> ingest = new LinkedHashMap<>();
            ingest.put("complete", false);
            ingest.put("missing_evidence", missing);
            ingest.put("files_not_stored", notStored.size() > MAX_LISTED ? notStored.subList(0, MAX_LISTED) : notStored);
            ingest.put("files_not_stored_count", notStored.size());
            json.put("ingest", ingest);
        }
        return json;
    }

    /** Most omitted files named in one answer; the count says how many there were. */
    private static final int MAX_LISTED = 20;

    static String downloadUrl(ArtifactMetadata m, String baseUrl) {
        return baseUrl + "/artifacts/" + m.type().wireName() + "/" + m.id().value() + "/download";
    }

    static List<Map<String, Object>> audit(List<AuditEntry> entries) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (AuditEntry e : entries) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("name", e.userName());
            user.put("is_admin", e.userIsAdmin());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("user", user);
            entry.put("date", UTC.format(e.date().truncatedTo(ChronoUnit.SECONDS)));
            entry.put("artifact", metadata(e.artifact()));
            entry.put("action", e.action().name());
            // extensions, only where the action needs them (sensitive models)
            e.note().ifPresent(note -> entry.put("note", note));
            e.check().ifPresent(check -> entry.put("download_check", downloadCheck(check)));
            json.add(entry);
        }
        return json;
    }

    static Map<String, Object> downloadCheck(DownloadCheck check) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", check.outcome().wireName());
        json.put("request", check.request());
        json.put("exit_code", check.exitCode().orElse(null));
        json.put("reason", check.reason());
        json.put("output", check.output());
        return json;
    }

    static Map<String, Object> cost(CostReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (CostEntry entry : report.entries()) {
            Map<String, Object> cost = new LinkedHashMap<>();
            if (report.withDependencies()) {
                cost.put("standalone_cost", entry.standaloneCost());
            }
            cost.put("total_cost", entry.totalCost());
            json.put(entry.artifactId().value(), cost);
        }
        return json;
    }

    static Map<String, Object> lineage(LineageGraph graph) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (LineageNode node : graph.nodes()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("artifact_id", node.artifactId().value());
            json.put("name", node.name());
            json.put("source", node.source());
            json.put("metadata", new LinkedHashMap<>(node.metadata()));
            nodes.add(json);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (LineageEdge edge : graph.edges()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from_node_artifact_id", edge.from().value());
            json.put("to_node_artifact_id", edge.to().value());
            json.put("relationship", edge.relationship());
            edges.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nodes", nodes);
        json.put("edges", edges);
        return json;
    }

    static Map<String, Object> user(UserAccount user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", user.name());
        json.put("is_admin", user.admin());
        json.put("permissions", user.effectivePermissions().stream().map(p -> p.wireName()).sorted().toList());
        json.put("created_at", UTC.format(user.createdAt().truncatedTo(ChronoUnit.SECONDS)));
        return json;
    }
}
