package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** README bytes decoded as a browser would: BOM, then a declared charset, then UTF-8, else Windows-1252. */
class TextDecodingTest {

    private static byte[] withBom(byte[] bom, byte[] text) {
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(text, 0, bytes, bom.length, text.length);
        return bytes;
    }

    /** Notepad's "Unicode" READMEs: UTF-16 with a byte order mark, whatever the server declares. */
    @Test
    void utf16WithAByteOrderMarkIsReadInEitherOrder() {
        String text = "# Modèle — naïve";
        assertEquals(text, TextDecoding.decode(withBom(new byte[] {(byte) 0xFE, (byte) 0xFF},
                text.getBytes(StandardCharsets.UTF_16BE)), Optional.of("text/plain; charset=utf-8")));
        assertEquals(text, TextDecoding.decode(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE},
                text.getBytes(StandardCharsets.UTF_16LE)), Optional.empty()));
        assertEquals(text, TextDecoding.decode(withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                text.getBytes(StandardCharsets.UTF_8)), Optional.empty()));
    }

    /** A charset Java does not know, or a malformed name, is ignored: the bytes decide. */
    @Test
    void anUnknownOrMalformedCharsetFallsBackOnTheBytes() {
        assertEquals(Optional.empty(), TextDecoding.charsetOf("text/plain; charset=x-no-such-charset"));
        assertEquals(Optional.empty(), TextDecoding.charsetOf("text/plain; charset=\"bad name!\""));
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("café", TextDecoding.decode(latin1, Optional.of("text/markdown; charset=x-no-such-charset")));
        assertEquals("naïve", TextDecoding.decode("naïve".getBytes(StandardCharsets.UTF_8),
                Optional.of("text/markdown; charset=bogus@name")));
    }

    @Test
    void aDeclaredLatin1IsReadAsWindows1252AndOtherCharsetsAsDeclared() {
        assertEquals(Optional.of(Charset.forName("windows-1252")), TextDecoding.charsetOf("text/plain; Charset=ISO-8859-1"));
        // 0x80 is the euro sign in Windows-1252, a control character in ISO-8859-1
        assertEquals("€5", TextDecoding.decode(new byte[] {(byte) 0x80, '5'}, Optional.of("text/plain; charset=latin1")));
        assertEquals("Привет", TextDecoding.decode("Привет".getBytes(Charset.forName("KOI8-R")),
                Optional.of("text/plain; charset=koi8-r")));
        assertEquals(Optional.empty(), TextDecoding.charsetOf("text/plain"));
    }
}
