package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ConfusionSuspect;
import io.trustregistry.core.model.CostEntry;
import io.trustregistry.core.model.CostReport;
import io.trustregistry.core.model.LineageEdge;
import io.trustregistry.core.model.LineageGraph;
import io.trustregistry.core.model.LineageNode;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;

class LinksUseCasesTest {

    private static final long MB = 1024 * 1024;

    private final TestRegistry t = new TestRegistry();
    private final Registry registry = t.registry;
    private final Principal admin = t.admin();

    private ArtifactRecord register(ArtifactType type, String url) {
        return registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(type, url, Optional.empty()));
    }

    private String publishDerived(String hubId, long bytes, List<String> parents, List<String> datasets,
                                  List<String> code) {
        return t.publishModel(hubId, "# " + hubId, Optional.of("apache-2.0"), bytes, 10, datasets, code, parents);
    }

    @Test
    void lineageLinksParentsAndChildrenWhicheverIsRegisteredFirst() {
        String child = publishDerived("parvk11/audience_classifier_model", 10 * MB, List.of("bert-base-uncased"),
                List.of(), List.of());
        String grandchild = publishDerived("someone/audience-distilled", MB,
                List.of("parvk11/audience_classifier_model"), List.of(), List.of());
        String parent = t.publishModel("google-bert/bert-base-uncased", 400 * MB);

        ArtifactRecord c = register(ArtifactType.MODEL, child);
        ArtifactRecord p = register(ArtifactType.MODEL, parent);
        ArtifactRecord g = register(ArtifactType.MODEL, grandchild);

        LineageGraph fromChild = registry.lineage().lineage(admin, c.id());
        assertEquals(c.id(), fromChild.nodes().get(0).artifactId());
        assertEquals("queried", fromChild.nodes().get(0).source());
        assertEquals(Map.of(c.id(), "audience_classifier_model", p.id(), "bert-base-uncased",
                g.id(), "audience-distilled"), fromChild.nodes().stream()
                .collect(Collectors.toMap(LineageNode::artifactId, LineageNode::name)));
        assertTrue(fromChild.edges().contains(new LineageEdge(p.id(), c.id(), "base_model")));
        assertTrue(fromChild.edges().contains(new LineageEdge(c.id(), g.id(), "base_model")));
        assertEquals(2, fromChild.edges().size());
        assertTrue(fromChild.nodes().stream().allMatch(n -> n.metadata().containsKey("repository_url")));

        LineageGraph fromParent = registry.lineage().lineage(admin, p.id());
        assertEquals(3, fromParent.nodes().size());
    }

    @Test
    void aModelWithoutRegisteredRelativesIsItsOwnGraph() {
        ArtifactRecord lonely = register(ArtifactType.MODEL, publishDerived("acme/lonely", 1,
                List.of("unregistered/parent"), List.of(), List.of()));
        LineageGraph graph = registry.lineage().lineage(admin, lonely.id());
        assertEquals(1, graph.nodes().size());
        assertEquals(List.of(), graph.edges());
        ArtifactRecord data = register(ArtifactType.DATASET, t.publishDataset("acme/d", 1));
        assertThrows(NotFoundException.class, () -> registry.lineage().lineage(admin, data.id()));
    }

    @Test
    void lineageSurvivesCyclesInHostileMetadata() {
        ArtifactRecord a = register(ArtifactType.MODEL, publishDerived("acme/a", 1, List.of("acme/b"), List.of(),
                List.of()));
        ArtifactRecord b = register(ArtifactType.MODEL, publishDerived("acme/b", 1, List.of("acme/a"), List.of(),
                List.of()));
        LineageGraph graph = registry.lineage().lineage(admin, a.id());
        assertEquals(2, graph.nodes().size());
        assertEquals(2, graph.edges().size());
        assertEquals(b.id(), graph.nodes().get(1).artifactId());
    }

    @Test
    void costIsMegabytesAndWithDependenciesCoversTheClosureOnce() {
        String parentUrl = t.publishModel("google-bert/bert-base-uncased", 400 * MB);
        String childUrl = publishDerived("acme/classifier", 50 * MB, List.of("google-bert/bert-base-uncased"),
                List.of("bookcorpus"), List.of("https://github.com/google-research/bert"));
        ArtifactRecord child = register(ArtifactType.MODEL, childUrl);
        ArtifactRecord parent = register(ArtifactType.MODEL, parentUrl);
        ArtifactRecord data = register(ArtifactType.DATASET, t.publishDataset("bookcorpus/bookcorpus", 1000 * MB));
        ArtifactRecord code = register(ArtifactType.CODE,
                t.publishRepository("google-research/bert", 5 * MB, Optional.of("Apache-2.0")));

        CostReport alone = registry.cost().cost(admin, ArtifactType.MODEL, child.id(), false);
        assertEquals(List.of(new CostEntry(child.id(), 50.0, 50.0)), alone.entries());

        CostReport closure = registry.cost().cost(admin, ArtifactType.MODEL, child.id(), true);
        Map<String, CostEntry> byId = closure.entries().stream()
                .collect(Collectors.toMap(e -> e.artifactId().value(), e -> e));
        assertEquals(child.id(), closure.entries().get(0).artifactId());
        assertEquals(new CostEntry(child.id(), 50.0, 1455.0), byId.get(child.id().value()));
        assertEquals(new CostEntry(parent.id(), 400.0, 400.0), byId.get(parent.id().value()));
        assertEquals(new CostEntry(data.id(), 1000.0, 1000.0), byId.get(data.id().value()));
        assertEquals(new CostEntry(code.id(), 5.0, 5.0), byId.get(code.id().value()));
        assertEquals(4, closure.entries().size());
    }

    @Test
    void licenseCheckComparesTheRepositoryWithTheModel() {
        ArtifactRecord apache = register(ArtifactType.MODEL, t.publishModel("acme/apache", 1));
        ArtifactRecord unlicensed = register(ArtifactType.MODEL, t.publishModel("acme/none", "x", Optional.empty(), 1,
                1, List.of(), List.of(), List.of()));
        t.publishRepository("google-research/bert", 1, Optional.of("Apache-2.0"));
        t.publishRepository("acme/gpl2", 1, Optional.of("GPL-2.0"));
        t.publishRepository("acme/gpl3", 1, Optional.of("GPL-3.0"));
        assertTrue(registry.licenseCheck().isCompatible(admin, apache.id(), "https://github.com/google-research/bert"));
        assertTrue(registry.licenseCheck().isCompatible(admin, apache.id(), "https://github.com/acme/gpl3"));
        assertFalse(registry.licenseCheck().isCompatible(admin, apache.id(), "https://github.com/acme/gpl2"));
        assertFalse(registry.licenseCheck().isCompatible(admin, unlicensed.id(),
                "https://github.com/google-research/bert"));
        assertThrows(NotFoundException.class,
                () -> registry.licenseCheck().isCompatible(admin, apache.id(), "https://github.com/acme/missing"));
        assertThrows(InvalidRequestException.class,
                () -> registry.licenseCheck().isCompatible(admin, apache.id(), "https://gitlab.com/acme/x"));
        assertThrows(InvalidRequestException.class,
                () -> registry.licenseCheck().isCompatible(admin, apache.id(), "not a url"));
    }

    @Test
    void packageConfusionFlagsUnpopularLookAlikesOnly() {
        ArtifactRecord real = register(ArtifactType.MODEL, t.publishModel("google-bert/bert-base-uncased", "real",
                Optional.of("apache-2.0"), 1, 50_000_000, List.of(), List.of(), List.of()));
        ArtifactRecord typo = register(ArtifactType.MODEL, t.publishModel("g00gle/bert-base-uncassed", "fake",
                Optional.empty(), 1, 12, List.of(), List.of(), List.of()));
        ArtifactRecord lure = register(ArtifactType.MODEL, t.publishModel("someone/bert-base-uncased-official",
                "fake", Optional.empty(), 1, 3, List.of(), List.of(), List.of()));
        register(ArtifactType.MODEL, t.publishModel("openai/whisper-tiny", "other", Optional.empty(), 1, 9_000_000,
                List.of(), List.of(), List.of()));
        register(ArtifactType.MODEL, t.publishModel("distil/distilbert-base-uncased", "legit", Optional.empty(), 1,
                9_000_000, List.of(), List.of(), List.of()));

        List<ConfusionSuspect> suspects = registry.packageConfusion().suspects(admin);
        assertEquals(List.of(typo.id(), lure.id()).stream().sorted().toList(),
                suspects.stream().map(ConfusionSuspect::artifactId).sorted().toList());
        assertTrue(suspects.stream().allMatch(s -> s.evidence().get("imitates_artifact_id").equals(real.id().value())));
    }
}
