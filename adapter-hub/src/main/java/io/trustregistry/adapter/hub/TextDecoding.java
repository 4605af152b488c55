package io.trustregistry.adapter.hub;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the bytes of a README (or any text file) into text the way a browser would: a byte
 * order mark decides first, then a {@code charset} other than UTF-8 in the
 * {@code Content-Type}, then UTF-8 if the bytes are valid UTF-8 (whether declared or not:
 * hosts declare UTF-8 for every text file), else Windows-1252 (the superset of Latin-1 that
 * legacy files are nearly always in). Never fails.
 */
final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    static String decode(byte[] bytes, Optional<String> contentType) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        Optional<Charset> declared = contentType.flatMap(TextDecoding::charsetOf);
        if (declared.isPresent() && !declared.get().equals(StandardCharsets.UTF_8)) {
            return new String(bytes, declared.get());
        }
        // "utf-8" is what file hosts declare for every text file; legacy files still arrive in Latin-1
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** The charset a {@code Content-Type} value names, if it names one Java knows. */
    static Optional<Charset> charsetOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    // ISO-8859-1 is what servers say; what they mean is the Windows superset
                    return Optional.of(name.equalsIgnoreCase("iso-8859-1") || name.equalsIgnoreCase("latin1")
                            ? WINDOWS_1252 : Charset.forName(name));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
