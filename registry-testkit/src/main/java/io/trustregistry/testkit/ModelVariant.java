package io.trustregistry.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a {@link FakeHub} publishes a model beyond its {@link HubFixtures.Model} facts: the
 * shapes real Hub repositories come in. Every field defaults to the plain case; each
 * {@code with} method returns a copy.
 *
 * @param relation          how the model derives from its base models: {@code finetune},
 *                          {@code adapter}, {@code quantized} or {@code merge}; the Hub tags
 *                          each base as {@code base_model:ID} and {@code base_model:RELATION:ID}
 * @param baseModelsAsList  {@code cardData.base_model} as a list even for one base (cards do both)
 * @param datasetsAsString  {@code cardData.datasets} as a string when there is one dataset
 * @param peftAdapter       a PEFT adapter: {@code adapter_config.json} naming the base in
 *                          {@code base_model_name_or_path}, {@code adapter_model.safetensors},
 *                          no {@code config.json}
 * @param gated             {@code auto} or {@code manual}: info public, files refused without access
 * @param privateRepo       hidden: answered exactly like a missing repository
 * @param licenseName       with {@code license: other}, the custom license's {@code license_name}
 * @param licenseLink       its {@code license_link}
 * @param readmeBytes       the README's raw bytes, when not the fixture's text in UTF-8
 * @param readmeContentType the {@code Content-Type} the README is served with
 * @param extraFiles        this many further small files ({@code shards/part-NNNNN.json}, 1 KiB each)
 */
public record ModelVariant(
        Optional<String> relation,
        boolean baseModelsAsList,
        boolean datasetsAsString,
        boolean peftAdapter,
        Optional<String> gated,
        boolean privateRepo,
        Optional<String> licenseName,
        Optional<String> licenseLink,
        Optional<byte[]> readmeBytes,
        String readmeContentType,
        int extraFiles) {

    /** The plain case: a fine-tune if it has base models, everything public, UTF-8. */
    public static ModelVariant plain() {
        return new ModelVariant(Optional.empty(), false, false, false, Optional.empty(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), "text/plain; charset=utf-8", 0);
    }

    public ModelVariant withRelation(String value) {
        return new ModelVariant(Optional.of(value), baseModelsAsList, datasetsAsString, peftAdapter, gated,
                privateRepo, licenseName, licenseLink, readmeBytes, readmeContentType, extraFiles);
    }

    public ModelVariant withBaseModelsAsList() {
        return new ModelVariant(relation, true, datasetsAsString, peftAdapter, gated, privateRepo, licenseName,
                licenseLink, readmeBytes, readmeContentType, extraFiles);
    }

    public ModelVariant withDatasetsAsString() {
        return new ModelVariant(relation, baseModelsAsList, true, peftAdapter, gated, privateRepo, licenseName,
                licenseLink, readmeBytes, readmeContentType, extraFiles);
    }

    public ModelVariant asPeftAdapter() {
        return new ModelVariant(Optional.of("adapter"), baseModelsAsList, datasetsAsString, true, gated, privateRepo,
                licenseName, licenseLink, readmeBytes, readmeContentType, extraFiles);
    }

    public ModelVariant gated(String mode) {
        return new ModelVariant(relation, baseModelsAsList, datasetsAsString, peftAdapter, Optional.of(mode),
                privateRepo, licenseName, licenseLink, readmeBytes, readmeContentType, extraFiles);
    }

    public ModelVariant asPrivate() {
        return new ModelVariant(relation, baseModelsAsList, datasetsAsString, peftAdapter, gated, true, licenseName,
                licenseLink, readmeBytes, readmeContentType, extraFiles);
    }

    public ModelVariant withOtherLicense(String name, String link) {
        return new ModelVariant(relation, baseModelsAsList, datasetsAsString, peftAdapter, gated, privateRepo,
                Optional.of(name), Optional.of(link), readmeBytes, readmeContentType, extraFiles);
    }

    /** The README as {@code text} encoded in {@code charset}, served with {@code contentType}. */
    public ModelVariant withReadme(byte[] bytes, String contentType) {
        return new ModelVariant(relation, baseModelsAsList, datasetsAsString, peftAdapter, gated, privateRepo,
                licenseName, licenseLink, Optional.of(bytes.clone()), contentType, extraFiles);
    }

    public ModelVariant withExtraFiles(int count) {
        return new ModelVariant(relation, baseModelsAsList, datasetsAsString, peftAdapter, gated, privateRepo,
                licenseName, licenseLink, readmeBytes, readmeContentType, count);
    }

    /** UTF-16 little-endian with a byte order mark, as Windows editors save it. */
    public static byte[] utf16WithBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }
}
