package com.connectsoft.factory.blueprint.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Case conversions used for generated code, and the names Java or the generated service reserve. */
public final class Names {
    public static final Set<String> JAVA_RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
            "record", "yield", "sealed", "permits", "_");

    /** Fields every generated entity already has. */
    public static final Set<String> GENERATED_FIELDS = Set.of("id", "tenantId", "etag", "createdAt", "updatedAt");

    /** Methods every generated entity has; a field of that name would clash with them. */
    public static final Set<String> RESERVED_MEMBERS = Set.of(
            "hashCode", "toString", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "withMetadata");

    /** Type names a generated module already uses or imports next to its entities. */
    public static final Set<String> GENERATED_TYPES = Set.of(
            "Health", "OpenApi", "Module", "Page", "Fields", "FieldError", "Tenancy", "Json", "Problem", "Entity",
            "Outcome", "Http", "DomainEvent", "EventPublisher", "ConflictException", "Clock", "Pattern", "ObjectNode",
            "ArrayList", "Objects", "Arguments", "Stream", "Consumer", "Function", "HashSet", "Test", "ModuleServices",
            "TenantEntity", "TestHttp", "Base64");

    private Names() {
    }

    /** The words of a name, ASCII only (accents dropped: "Café" is "cafe"); other characters separate words. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String decomposed = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD);
        StringBuilder ascii = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            if (decomposed.charAt(i) < 0x80) {
                ascii.append(decomposed.charAt(i));
            }
        }
        char[] cs = ascii.toString().toCharArray();
        for (int i = 0; i < cs.length; i++) {
            char c = cs[i];
            if (!Character.isLetterOrDigit(c)) {
                flush(out, cur);
                continue;
            }
            boolean boundary = Character.isUpperCase(c) && cur.length() > 0
                    && (Character.isLowerCase(cur.charAt(cur.length() - 1)) || Character.isDigit(cur.charAt(cur.length() - 1))
                    || (i + 1 < cs.length && Character.isLowerCase(cs[i + 1])));
            if (boundary) {
                flush(out, cur);
            }
            cur.append(c);
        }
        flush(out, cur);
        return out;
    }

    private static void flush(List<String> out, StringBuilder cur) {
        if (cur.length() > 0) {
            out.add(cur.toString().toLowerCase(Locale.ROOT));
            cur.setLength(0);
        }
    }

    public static String pascal(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(name)) {
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }

    public static String camel(String name) {
        String p = pascal(name);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    public static String kebab(String name) {
        return String.join("-", words(name));
    }

    public static String constant(String name) {
        return String.join("_", words(name)).toUpperCase(Locale.ROOT);
    }

    /** Lowercase letters and digits only, starting with a letter: a Java package segment. */
    public static String packageSegment(String name) {
        String s = String.join("", words(name));
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "app" + s : s;
    }

    /** English plural of the last word, good enough for resource paths: Category → categories, Address → addresses. */
    public static String plural(String name) {
        String k = kebab(name);
        if (k.matches(".*[^aeiou]y")) {
            return k.substring(0, k.length() - 1) + "ies";
        }
        if (k.matches(".*(s|x|z|ch|sh)")) {
            return k + "es";
        }
        return k + "s";
    }
}
