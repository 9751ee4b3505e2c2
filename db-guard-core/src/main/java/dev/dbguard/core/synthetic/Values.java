package dev.dbguard.core.synthetic;

import dev.dbguard.core.synthetic.SyntheticCatalog.ResolvedType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as PostgreSQL text input for each common type, deterministic in a row number {@code n} and the column's
 * position (so {@code start_at < end_at} holds when the columns come in that order, and every row differs from
 * the others in every column). Values are written as untyped literals: PostgreSQL converts them to the column's
 * type, domains and enums included.
 */
public final class Values {

    private static final Pattern MODIFIER = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)");
    private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.'])(-?\\d+(?:\\.\\d+)?)(?![\\w.'])");
    private static final LocalDate BASE_DATE = LocalDate.of(2024, 1, 1);
    /** Text that common CHECKs on codes, currencies and addresses accept. */
    private static final List<String> TEXT_EXTRAS = List.of("ABC", "abc", "USD", "a", "user@example.com", "a-b", "1");

    private final long seed;

    Values(long seed) {
        this.seed = seed;
    }

    /**
     * The first choice for a column: a value unique to row {@code n}, or null when the type has no generator
     * (the caller leaves the column to its default or NULL).
     */
    String value(ResolvedType type, String column, int attnum, long n) {
        return switch (type.category()) {
            case 'A' -> type.element() == null ? null : array(type.element(), column, attnum, n);
            case 'E' -> type.enumLabels().isEmpty() ? null
                    : type.enumLabels().get((int) Math.floorMod(n, type.enumLabels().size()));
            case 'C' -> composite(type, column, attnum, n);
            default -> scalar(type, column, attnum, n);
        };
    }

    /** A composite literal {@code ("a","b")}: each attribute from its own type, an unknown one left NULL. */
    private String composite(ResolvedType type, String column, int attnum, long n) {
        if (type.fields().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < type.fields().size(); k++) {
            String field = value(type.fields().get(k), column + "_" + k, attnum + k, n);
            parts.add(field == null ? "" : quoteElement(field));
        }
        return "(" + String.join(",", parts) + ")";
    }

    /**
     * Further choices to try when PostgreSQL rejects the first (a CHECK, a domain): the literals the CHECKs
     * name and their neighbours, the other enum labels, a few values common constraints accept, then NULL
     * when the column may be NULL ({@code null} in the list stands for SQL NULL).
     */
    List<String> alternatives(ResolvedType type, String column, int attnum, long n, List<String> checks,
                              boolean nullable) {
        Set<String> result = new LinkedHashSet<>();
        List<String> allChecks = new ArrayList<>(checks);
        allChecks.addAll(type.checks());
        boolean numeric = type.category() == 'N';
        for (String check : allChecks) {
            Matcher strings = STRING.matcher(check);
            while (strings.find()) {
                String literal = strings.group(1).replace("''", "'");
                result.add(type.category() == 'A' ? "{" + quoteElement(literal) + "}" : literal);
            }
            if (numeric) {
                Matcher numbers = NUMBER.matcher(STRING.matcher(check).replaceAll("''"));
                while (numbers.find()) {
                    String number = numbers.group(1);
                    result.add(number);
                    try {
                        long whole = Long.parseLong(number);
                        result.add(Long.toString(whole + 1));
                        result.add(Long.toString(whole - 1));
                    } catch (NumberFormatException e) {
                        double d = Double.parseDouble(number);
                        result.add(Double.toString(d + 1));
                        result.add(Double.toString(d - 1));
                    }
                }
            }
        }
        if (type.category() == 'E') {
            result.addAll(type.enumLabels());
        } else if (numeric) {
            result.addAll(List.of("1", "0", "2", "10", "100", "-1"));
        } else if (type.category() == 'S') {
            for (String extra : TEXT_EXTRAS) {
                result.add(fit(extra, type.formatted()));
            }
        } else if (type.category() == 'B') {
            result.add(n % 2 == 0 ? "false" : "true");
        } else if (type.category() == 'D') {
            result.add(scalar(type, column, attnum, n + 400));
            result.add(scalar(type, column, -attnum, n));
        } else if (type.category() == 'A') {
            result.add("{}");
        }
        result.remove(value(type, column, attnum, n));
        List<String> list = new ArrayList<>(result);
        if (nullable) {
            list.add(null);
        }
        return list;
    }

    private String array(ResolvedType element, String column, int attnum, long n) {
        String first = element.category() == 'E' || element.category() == 'A' ? value(element, column, attnum, n)
                : scalar(element, column, attnum, n);
        if (first == null) {
            return null;
        }
        return "{" + quoteElement(first) + "}";
    }

    private static String quoteElement(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String scalar(ResolvedType type, String column, int attnum, long n) {
        long k = 1000 + n * 16 + attnum;
        Matcher modifier = MODIFIER.matcher(type.formatted());
        Integer length = null;
        Integer scale = null;
        if (modifier.find()) {
            length = Integer.parseInt(modifier.group(1));
            scale = modifier.group(2) == null ? null : Integer.parseInt(modifier.group(2));
        }
        return switch (type.base()) {
            case "int2" -> Long.toString(Math.floorMod(k, 30000));
            case "int4", "int8", "oid" -> Long.toString(k);
            case "numeric" -> numeric(k, length, scale);
            case "float4", "float8" -> k + ".5";
            case "money" -> k + ".25";
            case "text", "varchar", "bpchar", "name", "citext" -> fit(text(column, n), type.formatted());
            case "uuid" -> uuid(n * 31 + attnum).toString();
            case "bool" -> Boolean.toString(n % 2 == 0);
            case "date" -> BASE_DATE.plusDays(n + attnum).toString();
            case "timestamp" -> LocalDateTime.of(BASE_DATE, LocalTime.MIDNIGHT).plusHours(n).plusMinutes(attnum)
                    .toString().replace('T', ' ');
            case "timestamptz" -> LocalDateTime.of(BASE_DATE, LocalTime.MIDNIGHT).plusHours(n).plusMinutes(attnum)
                    .toString().replace('T', ' ') + "+00";
            case "time" -> LocalTime.of(8, 0).plusMinutes(Math.floorMod(n, 600)).plusSeconds(Math.floorMod(attnum, 60)).toString();
            case "timetz" -> LocalTime.of(8, 0).plusMinutes(Math.floorMod(n, 600)).plusSeconds(Math.floorMod(attnum, 60)) + "+00";
            case "interval" -> (Math.floorMod(n, 10000) + Math.floorMod(attnum, 60) + 1) + " minutes";
            case "json", "jsonb" -> "{\"" + column.replace("\"", "") + "\": " + n + "}";
            case "bytea" -> "\\x" + hex(Long.toString(k).getBytes(StandardCharsets.US_ASCII));
            case "inet" -> "10." + (k >> 16 & 255) + "." + (k >> 8 & 255) + "." + (k & 255);
            case "cidr" -> "10." + (k >> 16 & 255) + "." + (k >> 8 & 255) + "." + (k & 255) + "/32";
            case "macaddr" -> String.format(Locale.ROOT, "08:00:2b:%02x:%02x:%02x", k >> 16 & 255, k >> 8 & 255, k & 255);
            case "bit" -> bits(k, length == null ? 1 : length);
            case "varbit" -> Long.toBinaryString(length == null ? k : k & ((1L << Math.min(length, 62)) - 1));
            case "xml" -> "<v>" + n + "</v>";
            case "tsvector" -> "w" + n;
            case "tsquery" -> "w" + n;
            case "point" -> "(" + n + "," + attnum + ")";
            case "int4range", "int8range", "numrange" -> "[" + k + "," + (k + 10) + ")";
            case "daterange" -> "[" + BASE_DATE.plusDays(n) + "," + BASE_DATE.plusDays(n + 30) + ")";
            case "tsrange", "tstzrange" -> "[\"" + BASE_DATE.plusDays(n) + " 00:00\",\"" + BASE_DATE.plusDays(n + 30) + " 00:00\")";
            default -> null;
        };
    }

    private static String numeric(long k, Integer precision, Integer scale) {
        int s = scale == null ? 2 : scale;
        if (precision == null) {
            return k + ".5";
        }
        int wholeDigits = precision - s;
        long whole = wholeDigits <= 0 ? 0 : Math.floorMod(k, pow10(Math.min(wholeDigits, 18)));
        return s == 0 ? Long.toString(whole) : whole + "." + "5".repeat(Math.min(s, 1));
    }

    private static long pow10(int digits) {
        long p = 1;
        for (int i = 0; i < digits; i++) {
            p *= 10;
        }
        return p;
    }

    private static String text(String column, long n) {
        return "v" + n + "-" + column;
    }

    /** Cuts text to a varchar(n)/char(n) limit. */
    static String fit(String text, String formatted) {
        Matcher modifier = MODIFIER.matcher(formatted);
        if (modifier.find()) {
            int limit = Integer.parseInt(modifier.group(1));
            return text.length() > limit ? text.substring(0, limit) : text;
        }
        return text;
    }

    private static String bits(long k, int length) {
        StringBuilder bits = new StringBuilder(Long.toBinaryString(k));
        while (bits.length() < length) {
            bits.insert(0, '0');
        }
        return bits.substring(bits.length() - length);
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format(Locale.ROOT, "%02x", b));
        }
        return hex.toString();
    }

    /** A UUID that only this seed and {@code salt} produce. */
    UUID uuid(long salt) {
        java.util.Random random = new java.util.Random(seed * 1_000_003L + salt);
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    /**
     * A tenant id no client would guess: for an integer key a large seeded number, for text a seeded token,
     * for a UUID a seeded UUID; {@code which} 0 and 1 are the two tenants, 2 a value naming no tenant.
     */
    String tenantId(ResolvedType type, int which) {
        java.util.Random random = new java.util.Random(seed * 7919L + which * 104_729L);
        long number = 100_000 + random.nextInt(800_000);
        return switch (type.base()) {
            case "uuid" -> uuid(-1_000L - which).toString();
            case "int2" -> Long.toString(10_000 + random.nextInt(20_000));
            case "int4", "int8", "numeric" -> Long.toString(number);
            case "text", "varchar", "bpchar", "citext" -> fit("t" + Long.toHexString(number) + Integer.toHexString(which), type.formatted());
            default -> {
                String generated = value(type, "tenant", 0, 900_000 + number);
                yield generated == null ? Long.toString(number) : generated;
            }
        };
    }
}
