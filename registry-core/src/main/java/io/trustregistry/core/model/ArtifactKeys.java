package io.trustregistry.core.model;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lookup keys that connect artifacts to each other. A model names its parents, datasets
 * and code as typed {@link SourceReference}s (the hub adapter recognised them; nothing here
 * parses a URL); those become <em>reference keys</em>. Every artifact is findable under its
 * <em>identity keys</em>. A reference resolves to the artifacts whose identity keys contain
 * it, so links work whichever side is registered first.
 *
 * <p>Keys are lower case and namespaced: {@code hf-model:owner/name}, {@code hf-dataset:name},
 * {@code github:owner/repo}, {@code kaggle:owner/slug}, {@code url:...},
 * {@code name:dataset:bookcorpus}. Catalog adapters index both sets as computed here, and look
 * them up with the catalog port's {@code findByIdentityKeys} and {@code findReferencing}.
 */
public final class ArtifactKeys {

    private ArtifactKeys() {
    }

    /** Keys under which other artifacts may reference this one. */
    public static Set<String> identityKeys(ArtifactRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        SourceEvidence evidence = record.evidence();
        evidence.hubId().ifPresent(hubId -> {
            String namespace = switch (evidence.kind()) {
                case HUGGING_FACE_MODEL -> "hf-model:";
                case HUGGING_FACE_DATASET -> "hf-dataset:";
                case GITHUB_REPOSITORY -> "github:";
                case WEB_DOWNLOAD -> "url:";
                case KAGGLE_DATASET -> "kaggle:";
            };
            keys.add(namespace + lower(hubId));
            if (!namespace.equals("github:") && !namespace.equals("kaggle:")) {
                // legacy hub ids have no owner: "bert-base-uncased" names google-bert/bert-base-uncased
                keys.add(namespace + lower(lastSegment(hubId)));
            }
        });
        keys.add("url:" + lower(evidence.canonicalUrl()));
        keys.add(nameKey(record.type(), record.name().value()));
        return keys;
    }

    /** Keys of everything this artifact references: parents, datasets and code. */
    public static Set<String> referenceKeys(ArtifactRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        for (ParentReference parent : record.evidence().parents()) {
            keys.addAll(parentKeys(parent));
        }
        for (SourceReference dataset : record.evidence().datasetReferences()) {
            keys.addAll(datasetKeys(dataset));
        }
        for (SourceReference code : record.evidence().codeReferences()) {
            keys.addAll(codeKeys(code));
        }
        return keys;
    }

    /** Keys a parent-model reference (a hub id) resolves through, most specific first. */
    public static Set<String> parentKeys(ParentReference parent) {
        Set<String> keys = new LinkedHashSet<>();
        String id = trimSlashes(parent.hubId().strip());
        keys.add("hf-model:" + lower(id));
        keys.add(nameKey(ArtifactType.MODEL, lastSegment(id)));
        return keys;
    }

    /** Keys a dataset reference resolves through, most specific first. */
    public static Set<String> datasetKeys(SourceReference reference) {
        return keys(reference, ArtifactType.DATASET);
    }

    /** Keys a code reference resolves through, most specific first. */
    public static Set<String> codeKeys(SourceReference reference) {
        return keys(reference, ArtifactType.CODE);
    }

    private static Set<String> keys(SourceReference reference, ArtifactType as) {
        Set<String> keys = new LinkedHashSet<>();
        switch (reference) {
            case SourceReference.HuggingFace hf -> {
                keys.add((hf.dataset() ? "hf-dataset:" : "hf-model:") + lower(hf.repoId()));
                keys.add(nameKey(as, lastSegment(hf.repoId())));
            }
            case SourceReference.GitHub gh -> {
                keys.add("github:" + lower(gh.fullName()));
                keys.add(nameKey(as, gh.repo()));
            }
            case SourceReference.Kaggle kaggle -> {
                keys.add("kaggle:" + lower(kaggle.owner() + "/" + kaggle.slug()));
                keys.add(nameKey(as, kaggle.slug()));
            }
            case SourceReference.Web web -> keys.add("url:" + lower(stripTrailingSlash(web.url())));
        }
        return keys;
    }

    private static String nameKey(ArtifactType type, String name) {
        return "name:" + type.wireName() + ":" + lower(name);
    }

    /** The part of a hub id after its last slash. */
    public static String lastSegment(String id) {
        String trimmed = trimSlashes(id);
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    private static String trimSlashes(String path) {
        String result = path == null ? "" : path;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return stripTrailingSlash(result);
    }

    private static String stripTrailingSlash(String text) {
        String result = text;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
