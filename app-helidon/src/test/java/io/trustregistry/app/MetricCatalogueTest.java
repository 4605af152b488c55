package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.MetricId;

/**
 * The metric catalogue ({@link MetricId}) is the one list of metrics: {@code /rate} answers
 * exactly its fields, and the OpenAPI document's {@code ModelRating} requires exactly them.
 */
class MetricCatalogueTest {

    /** {@code name}, {@code category}, then each metric and its latency, in catalogue order. */
    private static List<String> catalogueFields() {
        List<String> fields = new ArrayList<>(List.of("name", "category"));
        for (MetricId metric : MetricId.values()) {
            fields.add(metric.wireName());
            fields.add(metric.wireName() + "_latency");
        }
        return fields;
    }

    @Test
    void rateAnswersExactlyTheCataloguesFields() {
        try (TestServer t = TestServer.start()) {
            String token = t.api.admin();
            String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            JsonNode rating = t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json();
            List<String> names = new ArrayList<>();
            rating.fieldNames().forEachRemaining(names::add);
            assertEquals(catalogueFields(), names);
        }
    }

    @Test
    void theOpenApiDocumentRequiresExactlyTheCataloguesFields() throws IOException {
        String yaml;
        try (InputStream in = MetricCatalogueTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> required = new LinkedHashSet<>();
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("    ModelRating:")) {
                int j = i + 1;
                while (!lines[j].strip().equals("required:")) {
                    j++;
                }
                for (j++; lines[j].strip().startsWith("- "); j++) {
                    required.add(lines[j].strip().substring(2).strip());
                }
                break;
            }
        }
        assertEquals(new LinkedHashSet<>(catalogueFields()), required);
    }
}
