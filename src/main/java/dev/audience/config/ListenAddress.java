package dev.audience.config;

import java.util.regex.Pattern;

/** What {@code http.host} may be: a host name, an IPv4 address, or an IPv6 address (without brackets). */
final class ListenAddress {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private ListenAddress() {}

    static boolean valid(String host) {
        if (host.contains(":")) return ipv6(host);
        if (DIGITS_AND_DOTS.matcher(host).matches()) return ipv4(host);
        if (host.length() > 253) return false;
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) return false;
        }
        return true;
    }

    static boolean ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** RFC 4291 text forms: eight groups, or fewer around one "::", the last two may be an IPv4 address. */
    static boolean ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return false;
        String[] halves = gap >= 0 ? new String[] {s.substring(0, gap), s.substring(gap + 2)} : new String[] {s};
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) continue;
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!ipv4(parts[i])) return false;
                    groups += 2;
                } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }
}
