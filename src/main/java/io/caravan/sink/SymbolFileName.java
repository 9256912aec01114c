package io.caravan.sink;

import java.io.ByteArrayOutputStream;

/**
 * A symbol as a file-name part that cannot leave its directory: letters, digits, '-', '_' and inner '.' stay, every
 * other byte (/, \, :, .., NUL, spaces) becomes %XX. Reversible, so distinct symbols never share a file.
 */
public final class SymbolFileName {

    private SymbolFileName() {
    }

    public static String encode(String symbol) {
        StringBuilder out = new StringBuilder(symbol.length() + 8);
        byte[] bytes = utf8KeepingLoneSurrogates(symbol);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-'
                    || b == '_' || (b == '.' && i > 0 && i < bytes.length - 1 && bytes[i - 1] != '.');
            if (safe) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    // String.getBytes(UTF_8) turns every unpaired surrogate into '?', so "\uD800", "\uDC00" and "?" shared one name.
    // Same bytes as UTF-8 for every well-formed string; an unpaired surrogate gets its own three bytes (WTF-8).
    private static byte[] utf8KeepingLoneSurrogates(String symbol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(symbol.length() + 8);
        for (int i = 0; i < symbol.length();) {
            int cp = symbol.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        }
        return out.toByteArray();
    }
}
