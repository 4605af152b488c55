package io.trustregistry.app.observability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The build's record of the error messages the server hands out: each error body's message and
 * each start-up failure, one line per message, appended to the file the system property
 * {@value #PROPERTY} names. Only the build sets it (Surefire, for the tests); build-report then
 * checks which catalogued messages the tests produced (docs/testing.md, "Error messages").
 *
 * <p>Without the property, as always in production, each call is a read of a constant and returns.
 */
public final class ErrorMessageRecord {

    /** The system property naming the record file. */
    public static final String PROPERTY = "trustregistry.error-messages.record";

    private static final Path FILE = fileOf(System.getProperty(PROPERTY));
    /** Lines this JVM has written; guarded by the class. */
    private static final Set<String> WRITTEN = new HashSet<>();
    /** Opened at the first record, closed with the JVM; guarded by the class. */
    private static FileChannel channel;

    private ErrorMessageRecord() {
    }

    /** Records the message of an error body sent with {@code status}. */
    public static void http(int status, String message) {
        if (FILE != null) {
            append("http\t" + status + "\t" + escape(message));
        }
    }

    /** Records the reason the server printed for not starting. */
    public static void startup(String message) {
        if (FILE != null) {
            append("startup\t-\t" + escape(message));
        }
    }

    private static Path fileOf(String property) {
        return property == null || property.isBlank() ? null : Path.of(property);
    }

    private static synchronized void append(String line) {
        if (!WRITTEN.add(line)) {
            return; // a sweep sends the same refusal thousands of times; once is the record
        }
        try {
            if (channel == null) {
                Path directory = FILE.toAbsolutePath().getParent();
                if (directory != null) {
                    Files.createDirectories(directory);
                }
                // appending: the forks of one module's tests, and the servers they start, share the file
                channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            }
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // a lost record shows as a message never produced; the answer itself must not fail over it
            System.err.println("error-message record: cannot append to " + FILE + ": " + e);
        }
    }

    /** One line per message: backslash, newline, carriage return and tab escaped as in Java. */
    static String escape(String message) {
        String text = message == null ? "" : message;
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
