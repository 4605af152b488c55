package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one URL grammar: every form real clients send reaches the right repository and revision. */
class SourceLocatorTest {

    private static SourceLocator locate(String url) {
        return SourceLocator.of(URI.create(url), Optional.of("hub.internal.example"));
    }

    @ParameterizedTest
    @CsvSource({
            "https://huggingface.co/google-bert/bert-base-uncased, false, google-bert/bert-base-uncased, main",
            "https://huggingface.co/openai/whisper-tiny/tree/main, false, openai/whisper-tiny, main",
            "https://huggingface.co/openai/whisper-tiny/tree/v2/sub/dir, false, openai/whisper-tiny, v2",
            "https://huggingface.co/openai/whisper-tiny/blob/dev/README.md, false, openai/whisper-tiny, dev",
            "https://huggingface.co/openai/whisper-tiny/resolve/abc123/model.bin, false, openai/whisper-tiny, abc123",
            "https://huggingface.co/openai/whisper-tiny/commit/0123abcd, false, openai/whisper-tiny, 0123abcd",
            "https://huggingface.co/acme/x/tree/refs%2Fpr%2F1, false, acme/x, refs/pr/1",
            "https://huggingface.co/acme/x/tree/refs/pr/7, false, acme/x, refs/pr/7",
            "https://huggingface.co/acme/x/discussions/12, false, acme/x, main",
            "https://huggingface.co/acme/x.git, false, acme/x, main",
            "https://HuggingFace.co/acme/x/, false, acme/x, main",
            "https://www.huggingface.co/acme/x?library=transformers#usage, false, acme/x, main",
            "https://huggingface.co/bert-base-uncased, false, bert-base-uncased, main",
            "https://huggingface.co/bert-base-uncased/tree/main, false, bert-base-uncased, main",
            "https://hf.co/datasets/bookcorpus/bookcorpus, true, bookcorpus/bookcorpus, main",
            "https://huggingface.co/datasets/squad, true, squad, main",
            "https://huggingface.co/datasets/acme/d/tree/refs%2Fconvert%2Fparquet, true, acme/d, refs/convert/parquet",
            "https://huggingface.co/models/acme/x, false, acme/x, main",
            "https://hub.internal.example/acme/y/blob/dev/README.md, false, acme/y, dev"})
    void huggingFaceUrls(String url, boolean dataset, String repoId, String revision) {
        assertEquals(new SourceLocator.HuggingFace(dataset, repoId, revision), locate(url));
    }

    @ParameterizedTest
    @CsvSource({
            "https://github.com/google-research/bert, google-research, bert, , ''",
            "https://github.com/openai/whisper.git, openai, whisper, , ''",
            "https://GITHUB.com/openai/whisper/, openai, whisper, , ''",
            "https://github.com/openai/whisper?tab=readme-ov-file, openai, whisper, , ''",
            "https://www.github.com/a/b/tree/main/src, a, b, main, src",
            "https://github.com/a/b/tree/dev/data/train, a, b, dev, data/train",
            "https://github.com/a/b/blob/v1.2/docs/README.md, a, b, v1.2, docs/README.md",
            "https://github.com/a/b/commit/0123abcd, a, b, 0123abcd, ''",
            "https://github.com/a/b/releases/tag/v3, a, b, v3, ''"})
    void gitHubUrls(String url, String owner, String repo, String ref, String path) {
        assertEquals(new SourceLocator.GitHub(owner, repo, Optional.ofNullable(ref), path), locate(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hub.internal.example:9098/page.html", "http://hub.internal.example:8443/acme/x"})
    void theConfiguredHubIsItsHostAndPortNotItsHostAlone(String url) {
        assertEquals(new SourceLocator.Web(URI.create(url)), locate(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://huggingface.co/spaces/acme/demo", "https://huggingface.co/",
            "https://huggingface.co/docs/hub/index", "https://huggingface.co/papers/2401.00001",
            "https://github.com/onlyowner", "https://github.com/", "https://github.com/topics/llm",
            "https://github.com/orgs/acme/repositories"})
    void pagesThatAreNoRepositoryAreRefusedWithAReason(String url) {
        SourceLocator.Refused refused = assertInstanceOf(SourceLocator.Refused.class, locate(url));
        assertTrue(refused.reason().length() > 20, refused.reason());
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.kaggle.com/datasets/x/y, x, y",
            "https://kaggle.com/datasets/uciml/iris, uciml, iris",
            "https://WWW.KAGGLE.COM/datasets/uciml/iris, uciml, iris",
            "https://www.kaggle.com/datasets/uciml/iris/, uciml, iris",
            "https://www.kaggle.com/datasets/uciml/iris?resource=download, uciml, iris",
            "https://www.kaggle.com/datasets/uciml/iris/data, uciml, iris",
            "https://www.kaggle.com/datasets/uciml/iris/versions/3, uciml, iris",
            "https://www.kaggle.com/datasets/uciml/iris/discussion/12345, uciml, iris",
            "https://www.kaggle.com/datasets/nih-chest-xrays/data, nih-chest-xrays, data",
            "http://www.kaggle.com/datasets/Owner_1/My.Data-Set_2#top, Owner_1, My.Data-Set_2"})
    void kaggleDatasetUrls(String url, String owner, String slug) {
        assertEquals(new SourceLocator.Kaggle(owner, slug), locate(url));
    }

    @ParameterizedTest
    @CsvSource({"https://www.kaggle.com/competitions/titanic", "https://www.kaggle.com/datasets",
            "https://www.kaggle.com/datasets/onlyowner", "https://www.kaggle.com/datasets/a/..",
            "https://kaggle.example.com/datasets/x/y", "https://example.com/model.bin",
            "https://hub.internal.example/files/x.bin"})
    void everythingElseIsAPlainDownload(String url) {
        assertEquals(new SourceLocator.Web(URI.create(url)), locate(url));
    }
}
