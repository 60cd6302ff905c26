package io.gitmodel.registry.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.gitmodel.registry.errors.CorruptMetadataException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the library, through Jackson's streaming API: one factory with the limits for input
 * from elsewhere (Git LFS servers answer in JSON), so a hostile answer is refused before it
 * becomes objects, as {@link SafeYaml} does for YAML. Documents are plain data: maps (insertion
 * order), lists, strings, numbers, booleans, null. Databind is not used: its class loading would
 * cost every command-line call about 0.2 s for data this plain.
 */
public final class Json {
    /** Largest document accepted, in characters. */
    public static final int MAX_CHARS = SafeYaml.MAX_CHARS;
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = SafeYaml.MAX_DEPTH;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_CHARS)
                    .maxStringLength(MAX_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** Parses a document of any shape (object, array or scalar), within the same limits. */
    public static Object read(String text, String what) throws CorruptMetadataException {
        if (text.length() > MAX_CHARS) {
            throw new CorruptMetadataException(what, what + " is " + text.length() + " characters long; the limit is " + MAX_CHARS);
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CorruptMetadataException(what, what + " is empty");
            }
            Object doc = value(p, t);
            if (p.nextToken() != null) {
                throw new CorruptMetadataException(what, what + " has more after its JSON value");
            }
            return doc;
        } catch (StreamConstraintsException e) {
            throw tooLarge(what, e);
        } catch (JsonProcessingException e) {
            throw new CorruptMetadataException(what, what + " is not valid JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String
        }
    }

    /**
     * Parses a document whose top level must be an object.
     *
     * @param what names the document in error messages, e.g. {@code LFS batch response of https://…}
     */
    public static Map<String, Object> readObject(String text, String what) throws CorruptMetadataException {
        Object doc = read(text, what);
        if (!(doc instanceof Map<?, ?>)) {
            throw new CorruptMetadataException(what, what + " is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) doc;
        return object;
    }

    /**
     * Parses only some top-level members of an object, skipping the others without building them
     * (a search reads a few fields of 100,000 documents). Bytes are UTF-8.
     */
    public static Map<String, Object> readMembers(byte[] utf8, java.util.Set<String> members, String what)
            throws CorruptMetadataException {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CorruptMetadataException(what, what + " is not a JSON object");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (members.contains(name)) {
                    m.put(name, value(p, t));
                } else {
                    p.skipChildren();
                }
            }
            return m;
        } catch (StreamConstraintsException e) {
            throw tooLarge(what, e);
        } catch (JsonProcessingException e) {
            throw new CorruptMetadataException(what, what + " is not valid JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array
        }
    }

    private static CorruptMetadataException tooLarge(String what, StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        return new CorruptMetadataException(what, what + (m.startsWith("Document nesting depth")
                ? " is nested more than " + MAX_DEPTH + " levels deep" : " is too large: " + oneLine(m)), e);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue(); // Integer, Long or BigInteger, by size
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    /** What a caller writes through a generator. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** Compact JSON (no whitespace) written by {@code body}, e.g. a request body. */
    public static String write(Writing body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a String
        }
        return out.toString();
    }

    /** Writes plain data (maps, lists, strings, numbers, booleans, null; anything else as its string). */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else {
            g.writeString(v.toString());
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }
}
