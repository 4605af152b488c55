package io.trustregistry.core.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class StoredZipTest {

    private static final LocalDateTime WHEN = LocalDateTime.of(2026, 3, 4, 5, 6, 8);

    @TempDir
    Path dir;

    private static StoredZip.Entry entry(String name, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return new StoredZip.Entry(name, content.length, crc.getValue(),
                offset -> new ByteArrayInputStream(content, (int) offset, content.length - (int) offset));
    }

    private static Map<String, byte[]> sample() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README.md", "# hello\n".getBytes(StandardCharsets.UTF_8));
        byte[] weights = new byte[300_000];
        new Random(1).nextBytes(weights);
        files.put("model.safetensors", weights);
        files.put("empty.txt", new byte[0]);
        files.put("ünïcødé/名前.json", "{}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static StoredZip zip(Map<String, byte[]> files, long max32, int max16) {
        List<StoredZip.Entry> entries = new ArrayList<>();
        files.forEach((name, content) -> entries.add(entry(name, content)));
        return new StoredZip(entries, WHEN, max32, max16);
    }

    private static byte[] bytes(StoredZip zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.write(out);
        assertEquals(zip.length(), out.size(), "announced length equals written length");
        return out.toByteArray();
    }

    private void assertReadable(byte[] archive, Map<String, byte[]> expected) throws IOException {
        Map<String, byte[]> streamed = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                streamed.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(expected.keySet(), streamed.keySet());
        expected.forEach((name, content) -> assertArrayEquals(content, streamed.get(name), name));
        Path file = dir.resolve("archive-" + archive.length + ".zip");
        Files.write(file, archive);
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            assertEquals(expected.size(), zip.size());
            for (var e : expected.entrySet()) {
                ZipEntry entry = zip.getEntry(e.getKey());
                assertEquals(ZipEntry.STORED, entry.getMethod());
                try (var in = zip.getInputStream(entry)) {
                    assertArrayEquals(e.getValue(), in.readAllBytes());
                }
            }
        }
    }

    @Test
    void theArchiveIsAValidZipWithTheExactBytes() throws IOException {
        Map<String, byte[]> files = sample();
        assertReadable(bytes(zip(files, 0xFFFFFFFFL, 0xFFFF)), files);
    }

    @Test
    void zip64LayoutIsValidToo() throws IOException {
        Map<String, byte[]> files = sample();
        assertReadable(bytes(zip(files, 100, 2)), files);
    }

    @Test
    void anEmptyArchiveIsValid() throws IOException {
        assertReadable(bytes(zip(Map.of(), 0xFFFFFFFFL, 0xFFFF)), Map.of());
    }

    @Test
    void anyRangeEqualsThatSliceOfTheWhole() throws IOException {
        StoredZip zip = zip(sample(), 0xFFFFFFFFL, 0xFFFF);
        byte[] whole = bytes(zip);
        Random random = new Random(5);
        List<long[]> ranges = new ArrayList<>(List.of(new long[] {0, 1}, new long[] {0, zip.length()},
                new long[] {zip.length() - 1, zip.length()}, new long[] {10, 10}));
        for (int i = 0; i < 50; i++) {
            long a = random.nextLong(zip.length());
            long b = a + random.nextLong(zip.length() - a + 1);
            ranges.add(new long[] {a, b});
        }
        Collections.shuffle(ranges, random);
        for (long[] range : ranges) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            zip.write(out, range[0], range[1]);
            byte[] expected = java.util.Arrays.copyOfRange(whole, (int) range[0], (int) range[1]);
            assertArrayEquals(expected, out.toByteArray(), range[0] + "-" + range[1]);
        }
        assertThrows(IllegalArgumentException.class, () -> zip.write(new ByteArrayOutputStream(), 5, 4));
        assertThrows(IllegalArgumentException.class, () -> zip.write(new ByteArrayOutputStream(), 0, zip.length() + 1));
    }

    @Test
    void theSameEntriesGiveTheSameBytes() throws IOException {
        assertArrayEquals(bytes(zip(sample(), 0xFFFFFFFFL, 0xFFFF)), bytes(zip(sample(), 0xFFFFFFFFL, 0xFFFF)));
    }
}
