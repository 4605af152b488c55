package io.trustregistry.core.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A zip archive of stored (uncompressed) entries whose every byte is known before any is sent:
 * its length and layout follow from the entries' names, sizes and CRC-32s alone. So a download
 * can announce its {@code Content-Length}, serve any byte range, and stream entries straight
 * from blob storage with constant memory. Entries or offsets beyond 4 GiB, or more than 65,534
 * entries, switch the archive to ZIP64. Names are UTF-8 (general purpose flag bit 11).
 */
public final class StoredZip {

    /** Opens an entry's bytes starting at an offset; the caller closes the stream. */
    @FunctionalInterface
    public interface Source {
        InputStream open(long offset) throws IOException;
    }

    /**
     * One entry.
     *
     * @param name   path inside the archive
     * @param size   bytes
     * @param crc32  CRC-32 of the bytes
     * @param source the bytes
     */
    public record Entry(String name, long size, long crc32, Source source) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }
    }

    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final int MAX_16 = 0xFFFF;
    private static final int BUFFER = 64 * 1024;

    private sealed interface Segment permits Bytes, Data {
        long length();
    }

    private record Bytes(byte[] bytes) implements Segment {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    private record Data(Entry entry) implements Segment {
        @Override
        public long length() {
            return entry.size();
        }
    }

    private final List<Segment> segments = new ArrayList<>();
    private final long length;

    /** Lays out {@code entries}, dated {@code modified} (UTC). */
    public StoredZip(List<Entry> entries, LocalDateTime modified) {
        this(entries, modified, MAX_32, MAX_16);
    }

    /** For tests: lower ZIP64 thresholds exercise the ZIP64 layout with small entries. */
    StoredZip(List<Entry> entries, LocalDateTime modified, long max32, int max16) {
        int dosTime = (modified.getHour() << 11) | (modified.getMinute() << 5) | (modified.getSecond() / 2);
        int dosDate = ((Math.max(1980, modified.getYear()) - 1980) << 9) | (modified.getMonthValue() << 5)
                | modified.getDayOfMonth();
        long offset = 0;
        List<byte[]> central = new ArrayList<>();
        for (Entry entry : entries) {
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            boolean zip64 = entry.size() >= max32 || offset >= max32;
            Bytes local = new Bytes(localHeader(entry, name, zip64, dosTime, dosDate));
            segments.add(local);
            segments.add(new Data(entry));
            central.add(centralHeader(entry, name, zip64, offset, dosTime, dosDate));
            offset += local.length() + entry.size();
        }
        long centralStart = offset;
        long centralSize = 0;
        for (byte[] header : central) {
            segments.add(new Bytes(header));
            centralSize += header.length;
        }
        boolean zip64End = centralStart >= max32 || centralSize >= max32 || entries.size() >= max16;
        segments.add(new Bytes(end(entries.size(), centralStart, centralSize, zip64End)));
        this.length = segments.stream().mapToLong(Segment::length).sum();
    }

    /** The archive's exact length in bytes. */
    public long length() {
        return length;
    }

    /** Writes the whole archive. */
    public void write(OutputStream out) throws IOException {
        write(out, 0, length);
    }

    /** Writes bytes {@code [start, endExclusive)} of the archive. */
    public void write(OutputStream out, long start, long endExclusive) throws IOException {
        if (start < 0 || endExclusive > length || start > endExclusive) {
            throw new IllegalArgumentException("range " + start + "-" + endExclusive + " outside 0-" + length);
        }
        long position = 0;
        for (Segment segment : segments) {
            long segmentEnd = position + segment.length();
            if (segmentEnd > start && position < endExclusive) {
                long from = Math.max(start, position) - position;
                long to = Math.min(endExclusive, segmentEnd) - position;
                switch (segment) {
                    case Bytes bytes -> out.write(bytes.bytes(), (int) from, (int) (to - from));
                    case Data data -> copy(data.entry(), from, to - from, out);
                }
            }
            position = segmentEnd;
            if (position >= endExclusive) {
                break;
            }
        }
    }

    private static void copy(Entry entry, long offset, long count, OutputStream out) throws IOException {
        try (InputStream in = entry.source().open(offset)) {
            byte[] buffer = new byte[BUFFER];
            long remaining = count;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("entry " + entry.name() + " ended " + remaining + " bytes early");
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        }
    }

    private static byte[] localHeader(Entry entry, byte[] name, boolean zip64, int time, int date) {
        Little b = new Little();
        b.int32(0x04034b50).int16(zip64 ? 45 : 20).int16(0x0800).int16(0).int16(time).int16(date)
                .int32((int) entry.crc32())
                .int32(zip64 ? -1 : (int) entry.size()).int32(zip64 ? -1 : (int) entry.size())
                .int16(name.length).int16(zip64 ? 20 : 0).bytes(name);
        if (zip64) {
            b.int16(0x0001).int16(16).int64(entry.size()).int64(entry.size());
        }
        return b.toArray();
    }

    private static byte[] centralHeader(Entry entry, byte[] name, boolean zip64, long offset, int time, int date) {
        Little b = new Little();
        b.int32(0x02014b50).int16(45).int16(zip64 ? 45 : 20).int16(0x0800).int16(0).int16(time).int16(date)
                .int32((int) entry.crc32())
                .int32(zip64 ? -1 : (int) entry.size()).int32(zip64 ? -1 : (int) entry.size())
                .int16(name.length).int16(zip64 ? 28 : 0).int16(0).int16(0).int16(0).int32(0)
                .int32(zip64 ? -1 : (int) offset).bytes(name);
        if (zip64) {
            b.int16(0x0001).int16(24).int64(entry.size()).int64(entry.size()).int64(offset);
        }
        return b.toArray();
    }

    private static byte[] end(int count, long centralStart, long centralSize, boolean zip64) {
        Little b = new Little();
        if (zip64) {
            long zip64EndAt = centralStart + centralSize;
            b.int32(0x06064b50).int64(44).int16(45).int16(45).int32(0).int32(0).int64(count).int64(count)
                    .int64(centralSize).int64(centralStart);
            b.int32(0x07064b50).int32(0).int64(zip64EndAt).int32(1);
        }
        b.int32(0x06054b50).int16(0).int16(0)
                .int16(zip64 ? MAX_16 : count).int16(zip64 ? MAX_16 : count)
                .int32(zip64 ? -1 : (int) centralSize).int32(zip64 ? -1 : (int) centralStart).int16(0);
        return b.toArray();
    }

    /** A little-endian byte builder. */
    private static final class Little {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Little int16(int v) {
            out.write(v & 0xFF);
            out.write((v >>> 8) & 0xFF);
            return this;
        }

        Little int32(int v) {
            return int16(v & 0xFFFF).int16((v >>> 16) & 0xFFFF);
        }

        Little int64(long v) {
            return int32((int) v).int32((int) (v >>> 32));
        }

        Little bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** The UTC date-time of {@code epochSecond}, for {@link #StoredZip(List, LocalDateTime)}. */
    public static LocalDateTime utc(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }
}
