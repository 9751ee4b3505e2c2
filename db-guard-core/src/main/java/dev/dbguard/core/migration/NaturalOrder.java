package dev.dbguard.core.migration;

import java.util.Comparator;

/**
 * Orders names the way a person reads them: runs of digits compare as numbers ({@code 2_x.sql} before
 * {@code 10_x.sql}), other characters ignoring case; paths compare folder by folder. Names that are
 * equal that way ({@code 01} and {@code 1}, {@code A} and {@code a}) fall back to plain string order, so
 * the order is total and the same on every machine.
 */
final class NaturalOrder implements Comparator<String> {

    static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    /** Compares '/'-separated relative paths segment by segment. */
    static int comparePaths(String a, String b) {
        String[] sa = a.split("/", -1);
        String[] sb = b.split("/", -1);
        for (int i = 0; i < Math.min(sa.length, sb.length); i++) {
            int c = INSTANCE.compare(sa[i], sb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(sa.length, sb.length);
    }

    @Override
    public int compare(String a, String b) {
        int c = naturally(a, b);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int naturally(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                String na = withoutLeadingZeros(a.substring(i, ei));
                String nb = withoutLeadingZeros(b.substring(j, ej));
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                int c = Character.compare(Character.toLowerCase(Character.toUpperCase(ca)),
                        Character.toLowerCase(Character.toUpperCase(cb)));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String withoutLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
