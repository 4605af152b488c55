package io.trustregistry.core.model;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The lookup keys that connect artifacts to each other. A model names its parents, datasets
 * and code by hub id or URL; those become <em>reference keys</em>. Every artifact is findable
 * under its <em>identity keys</em>. A reference resolves to the artifacts whose identity keys
 * contain it, so links work whichever side is registered first.
 *
 * <p>Keys are lower case and namespaced: {@code hf-model:owner/name}, {@code hf-dataset:name},
 * {@code github:owner/repo}, {@code kaggle:owner/slug}, {@code name:dataset:bookcorpus}. Catalog adapters index both sets
 * as computed here, and look them up with
 * the catalog port's {@code findByIdentityKeys} and {@code findReferencing}.
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
        for (String dataset : record.evidence().datasetReferences()) {
            keys.addAll(datasetKeys(dataset));
        }
        for (String code : record.evidence().codeReferences()) {
            keys.addAll(codeKeys(code));
        }
        return keys;
    }

    /** Keys a parent-model reference resolves through, most specific first. */
    public static Set<String> parentKeys(ParentReference parent) {
        Set<String> keys = new LinkedHashSet<>();
        String id = hubIdOf(parent.hubId(), "");
        keys.add("hf-model:" + lower(id));
        keys.add(nameKey(ArtifactType.MODEL, lastSegment(id)));
        return keys;
    }

    /** Keys a dataset reference (hub id or URL) resolves through, most specific first. */
    public static Set<String> datasetKeys(String reference) {
        Set<String> keys = new LinkedHashSet<>();
        Optional<String> github = gitHubRepository(reference);
        if (github.isPresent()) {
            keys.add("github:" + lower(github.get()));
            keys.add(nameKey(ArtifactType.DATASET, lastSegment(github.get())));
            return keys;
        }
        Optional<String> kaggle = kaggleDataset(reference);
        if (kaggle.isPresent()) {
            keys.add("kaggle:" + lower(kaggle.get()));
            keys.add(nameKey(ArtifactType.DATASET, lastSegment(kaggle.get())));
            return keys;
        }
        String id = hubIdOf(reference, "datasets/");
        if (isUrl(reference) && !isHuggingFace(reference)) {
            keys.add("url:" + lower(stripTrailingSlash(reference)));
        } else {
            keys.add("hf-dataset:" + lower(id));
        }
        keys.add(nameKey(ArtifactType.DATASET, lastSegment(id)));
        return keys;
    }

    /** Keys a code reference (a repository URL) resolves through, most specific first. */
    public static Set<String> codeKeys(String reference) {
        Set<String> keys = new LinkedHashSet<>();
        Optional<String> github = gitHubRepository(reference);
        if (github.isPresent()) {
            keys.add("github:" + lower(github.get()));
            keys.add(nameKey(ArtifactType.CODE, lastSegment(github.get())));
        } else {
            keys.add("url:" + lower(stripTrailingSlash(reference)));
        }
        return keys;
    }

    /** {@code owner/repo} when {@code reference} is a GitHub repository URL. */
    public static Optional<String> gitHubRepository(String reference) {
        URI uri = parse(reference);
        if (uri == null || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = lower(uri.getHost());
        if (!host.equals("github.com") && !host.equals("www.github.com")) {
            return Optional.empty();
        }
        String[] parts = trimSlashes(uri.getPath()).split("/");
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String repo = parts[1].endsWith(".git") ? parts[1].substring(0, parts[1].length() - 4) : parts[1];
        return repo.isEmpty() ? Optional.empty() : Optional.of(parts[0] + "/" + repo);
    }

    /** {@code owner/slug} when {@code reference} is a Kaggle dataset URL ({@code kaggle.com/datasets/o/s/...}). */
    public static Optional<String> kaggleDataset(String reference) {
        URI uri = parse(reference);
        if (uri == null || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = lower(uri.getHost());
        if (!host.equals("kaggle.com") && !host.equals("www.kaggle.com")) {
            return Optional.empty();
        }
        String[] parts = trimSlashes(uri.getPath()).split("/");
        if (parts.length < 3 || !parts[0].equals("datasets") || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[1] + "/" + parts[2]);
    }

    private static String nameKey(ArtifactType type, String name) {
        return "name:" + type.wireName() + ":" + lower(name);
    }

    /** The hub id inside a Hugging Face URL, or the reference itself when it is a bare id. */
    private static String hubIdOf(String reference, String kindPrefix) {
        if (!isUrl(reference)) {
            return trimSlashes(reference.trim());
        }
        URI uri = parse(reference);
        if (uri == null || uri.getPath() == null) {
            return reference;
        }
        String path = trimSlashes(uri.getPath());
        if (!kindPrefix.isEmpty() && path.startsWith(kindPrefix)) {
            path = path.substring(kindPrefix.length());
        }
        String[] parts = path.split("/");
        if (parts.length >= 2 && !parts[1].equals("tree") && !parts[1].equals("blob")) {
            return parts[0] + "/" + parts[1];
        }
        return parts[0];
    }

    private static boolean isUrl(String reference) {
        String lower = lower(reference);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static boolean isHuggingFace(String reference) {
        URI uri = parse(reference);
        String host = uri == null || uri.getHost() == null ? "" : lower(uri.getHost());
        return host.equals("huggingface.co") || host.equals("hf.co") || host.equals("www.huggingface.co");
    }

    private static URI parse(String reference) {
        try {
            return URI.create(reference.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

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
